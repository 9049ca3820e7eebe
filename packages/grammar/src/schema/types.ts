/**
 * The shape of one action's schema: its parameters with kind, range and default per dialect, and the
 * cross-parameter rules. Parsing, validation, serialization, the README table and the fast-check
 * arbitraries all read these tables; no action has hand-written validation code.
 */
import type { ActionName, Dialect } from '../ast.js'

export type ParamKind =
  /** decimal integer in [min, max]; `-` allowed only when min < 0 */
  | 'int'
  /** one of `values` (case-sensitive) */
  | 'enum'
  /** 6 hex digits, stored upper-case */
  | 'color'
  /** URL-safe or standard base64 of UTF-8 text, stored decoded; `maxBytes` bounds the decoded bytes */
  | 'text'
  /** base64 of a font name, stored decoded, one of `values` */
  | 'font'
  /** 3×3 grid cell; OSS `nw…se`, OBS `tl…br` */
  | 'gravity'
  /** integer pixels in [min, max]; OBS also `<n>p` percent in [1, maxPercent] */
  | 'radius'
  /** base64 of `object[?x-oss-process=image/...]` (OSS) or `bucket/object[?x-image-process=...]` (OBS) */
  | 'image'

/** Range/default overrides that apply in one dialect only. */
export interface ParamOverride {
  min?: number
  max?: number
  default?: string | number
  values?: readonly string[]
}

export interface ParamSchema {
  /** the key as written (`w`, `voffset`); `value` for the key-less parameter */
  key: string
  kind: ParamKind
  min?: number
  max?: number
  /** allowed values for `enum` and `font` */
  values?: readonly string[]
  /**
   * `enum` only: other spellings accepted for a value (`jpeg` -> `jpg`). The AST keeps the
   * canonical value, so `serialize` stays canonical and never writes an alias.
   */
  aliases?: Readonly<Record<string, string>>
  /** the service's default when the parameter is absent; undefined = no default (engine decides) */
  default?: string | number
  /** decoded UTF-8 byte limit for `text` */
  maxBytes?: number
  /** percent range upper bound for `radius` in OBS */
  maxPercent?: number
  /** only accepted in these dialects; absent = both */
  dialects?: readonly Dialect[]
  /** only accepted inside a watermark's nested process (resize `P`) */
  nestedOnly?: boolean
  obs?: ParamOverride
  /** one line for the generated documentation */
  doc: string
}

export interface ActionRules {
  /** at least one of these keys must be present (MissingArgument otherwise) */
  requireAny?: readonly string[]
  /** `[key, others]`: key must not be combined with any of others */
  exclusive?: readonly (readonly [string, readonly string[]])[]
  /** these keys come together or not at all */
  together?: readonly (readonly string[])[]
}

export interface ActionSchema {
  name: ActionName
  doc: string
  /** the key-less value (`rotate,90`): required when present in the schema */
  positional?: ParamSchema
  params: readonly ParamSchema[]
  rules?: ActionRules
  /** must be the only action of the chain (`info`, `average-hue`) */
  solo?: boolean
  /** allowed inside a watermark's nested process */
  nestable?: boolean
  /** only in these dialects; absent = both */
  dialects?: readonly Dialect[]
}

/** The schema of one parameter as it applies in `dialect` (overrides merged). */
export function resolveParam(param: ParamSchema, dialect: Dialect): ParamSchema {
  if (dialect === 'obs' && param.obs) return { ...param, ...param.obs }
  return param
}
