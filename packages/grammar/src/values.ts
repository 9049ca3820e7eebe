/**
 * Readers for parameter values, one per schema kind. Each returns the typed value or throws the
 * typed error for the parameter (the span is the whole `key_value` token).
 */
import type { Dialect, Gravity, ParsedProcess, Radius, WatermarkImage } from './ast.js'
import { decodeBase64Text, utf8Length } from './base64.js'
import { invalidValue, notBase64, type Where } from './errors.js'
import type { ParamSchema } from './schema/types.js'

export interface ValueContext extends Where {
  dialect: Dialect
  /** the name errors report: the key, or the action name for a key-less value */
  argument: string
  /** parses a watermark's nested process (injected to avoid an import cycle with parse.ts) */
  parseNested: (text: string, where: Where, options: unknown) => ParsedProcess
  /** what `parseNested` needs besides the text (the outer parse's resolved options) */
  options: unknown
}

export const GRAVITY_OSS: readonly Gravity[] = ['nw', 'north', 'ne', 'west', 'center', 'east', 'sw', 'south', 'se']
/** OBS spelling, same order as GRAVITY_OSS. */
export const GRAVITY_OBS = ['tl', 'top', 'tr', 'left', 'center', 'right', 'bl', 'bottom', 'br'] as const

const MAX_DIGITS = 9

/** Decimal integer, optional leading `-` (only when negatives are in range); undefined if malformed. */
function readInt(raw: string, from: number, to: number, signed: boolean): number | undefined {
  let i = from
  let negative = false
  if (signed && i < to && raw.charCodeAt(i) === 45) {
    negative = true
    i++
  }
  if (i === to || to - i > MAX_DIGITS) return undefined
  let n = 0
  for (; i < to; i++) {
    const d = raw.charCodeAt(i) - 48
    if (d < 0 || d > 9) return undefined
    n = n * 10 + d
  }
  // `0 - n`, not `-n`: "-0" must read as 0, or it would serialise as "0" and mean something else (-0)
  return negative ? 0 - n : n
}

function int(param: ParamSchema, raw: string, ctx: ValueContext): number {
  const min = param.min ?? 0
  const n = readInt(raw, 0, raw.length, min < 0)
  if (n === undefined || n < min || n > (param.max ?? Number.MAX_SAFE_INTEGER)) {
    throw invalidValue(ctx.argument, raw, ctx)
  }
  return n
}

function color(raw: string, ctx: ValueContext): string {
  if (raw.length !== 6) throw invalidValue(ctx.argument, raw, ctx)
  for (let i = 0; i < 6; i++) {
    const c = raw.charCodeAt(i) | 0x20 // lower-case letters, digits unchanged
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) throw invalidValue(ctx.argument, raw, ctx)
  }
  return raw.toUpperCase()
}

function gravity(raw: string, ctx: ValueContext): Gravity {
  const names: readonly string[] = ctx.dialect === 'obs' ? GRAVITY_OBS : GRAVITY_OSS
  const i = names.indexOf(raw)
  if (i < 0) throw invalidValue(ctx.argument, raw, ctx)
  return GRAVITY_OSS[i]!
}

function radius(param: ParamSchema, raw: string, ctx: ValueContext): Radius {
  const percent = ctx.dialect === 'obs' && raw.endsWith('p')
  const n = readInt(raw, 0, percent ? raw.length - 1 : raw.length, false)
  const min = param.min ?? 1
  const max = percent ? (param.maxPercent ?? 100) : (param.max ?? Number.MAX_SAFE_INTEGER)
  if (n === undefined || n < min || n > max) throw invalidValue(ctx.argument, raw, ctx)
  return { value: n, unit: percent ? 'percent' : 'px' }
}

function base64(raw: string, ctx: ValueContext): string {
  const text = decodeBase64Text(raw)
  if (text === undefined) throw notBase64(ctx.argument, raw, ctx)
  return text
}

function text(param: ParamSchema, raw: string, ctx: ValueContext): string {
  const decoded = base64(raw, ctx)
  if (decoded.length === 0) throw invalidValue(ctx.argument, raw, ctx, 'empty text')
  if (param.maxBytes !== undefined && utf8Length(decoded) > param.maxBytes) {
    throw invalidValue(ctx.argument, raw, ctx, `longer than ${param.maxBytes} bytes`)
  }
  return decoded
}

const PROCESS_KEY = { oss: '?x-oss-process=', obs: '?x-image-process=' } as const

function image(raw: string, ctx: ValueContext): WatermarkImage {
  const decoded = base64(raw, ctx)
  const q = decoded.indexOf(PROCESS_KEY[ctx.dialect])
  let path = q < 0 ? decoded : decoded.slice(0, q)
  const result: WatermarkImage = { object: path }
  if (ctx.dialect === 'obs') {
    const slash = path.indexOf('/')
    if (slash <= 0) throw invalidValue(ctx.argument, raw, ctx, 'expected bucket/object')
    result.bucket = path.slice(0, slash)
    path = path.slice(slash + 1)
    result.object = path
  }
  if (path.length === 0) throw invalidValue(ctx.argument, raw, ctx, 'empty object name')
  if (q >= 0) result.process = ctx.parseNested(decoded.slice(q + PROCESS_KEY[ctx.dialect].length), ctx, ctx.options)
  return result
}

/** Reads one value of `param` (already resolved for the dialect). */
export function readValue(param: ParamSchema, raw: string, ctx: ValueContext): unknown {
  switch (param.kind) {
    case 'int':
      return int(param, raw, ctx)
    case 'enum': {
      // own properties only: `constructor` must not be taken for an alias
      const value = param.aliases && Object.hasOwn(param.aliases, raw) ? param.aliases[raw]! : raw
      if (!param.values!.includes(value)) throw invalidValue(ctx.argument, raw, ctx)
      return value
    }
    case 'color':
      return color(raw, ctx)
    case 'gravity':
      return gravity(raw, ctx)
    case 'radius':
      return radius(param, raw, ctx)
    case 'text':
      return text(param, raw, ctx)
    case 'font': {
      const name = base64(raw, ctx)
      if (!param.values!.includes(name)) throw invalidValue(ctx.argument, raw, ctx, `unknown font ${name}`)
      return name
    }
    case 'image':
      return image(raw, ctx)
  }
}
