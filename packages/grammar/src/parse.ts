/**
 * `parse(input, options)`: a process string -> a typed, validated `ParsedProcess`, or an `ImgError`
 * (InvalidArgument / MissingArgument / BadRequest) with the span of the bad part. Linear time: the
 * length cap is checked first, then one scanner pass, then per-token work bounded by the token.
 */
import { ImgError } from '@imgproc/types'
import type { Action, Dialect, ImageChain, ParsedProcess, StyleRef } from './ast.js'
import { actionTables } from './context.js'
import { missingValue, invalidValue, syntaxError, type Where } from './errors.js'
import { DEFAULT_LIMITS, QUERY_KEY } from './limits.js'
import { parseAction } from './parse-action.js'
import { parseSaveAs } from './saveas.js'
import { scanActions } from './tokenize.js'
import type { ValueContext } from './values.js'

export interface ParseOptions {
  /** `oss` (default) or `obs` */
  dialect?: Dialect
  /** maximum input length in UTF-16 code units (default: 4096 OSS, 512 OBS) */
  maxLength?: number
  /** maximum number of actions in the chain (default: 50 OSS, 20 OBS) */
  maxActions?: number
}

interface Resolved {
  dialect: Dialect
  maxLength: number
  maxActions: number
}

/** Style names: letters, digits, `-`, `_`, `.`, 1–64 characters (OSS console rule, EC-0017-00000251). */
const STYLE_NAME = /^[A-Za-z0-9._-]{1,64}$/
const SLASH = 47

export function parse(input: string, options: ParseOptions = {}): ParsedProcess {
  const dialect = options.dialect ?? 'oss'
  if (dialect !== 'oss' && dialect !== 'obs') throw new ImgError('InvalidArgument', `Unknown dialect: ${String(dialect)}.`)
  const limits = DEFAULT_LIMITS[dialect]
  return parseProcess(
    input,
    {
      dialect,
      maxLength: options.maxLength ?? limits.maxLength,
      maxActions: options.maxActions ?? limits.maxActions,
    },
    false,
  )
}

function parseProcess(source: string, opts: Resolved, nested: boolean): ParsedProcess {
  if (typeof source !== 'string') throw new ImgError('BadRequest', 'The process string must be a string.')
  const { dialect } = opts
  if (source.length > opts.maxLength) {
    throw syntaxError(
      'InvalidArgument',
      `The value of parameter: ${QUERY_KEY[dialect]} exceeds the length limit of ${opts.maxLength} characters.`,
      { source, start: opts.maxLength, end: source.length },
      QUERY_KEY[dialect],
    )
  }
  // The saveas suffix exists only in OSS, only at the top level.
  const pipe = dialect === 'oss' && !nested ? source.indexOf('|') : -1
  const mainEnd = pipe < 0 ? source.length : pipe
  if (pipe >= 0) {
    const second = source.indexOf('|', pipe + 1)
    if (second >= 0) throw syntaxError('BadRequest', 'Only one | section is allowed.', { source, start: second, end: second + 1 })
  }
  // Leading `/` are empty segments too (`//image/…`): skipped like the ones between actions.
  const at = skipSlashes(source, 0, mainEnd)
  let chain: ImageChain | StyleRef
  if (source.startsWith('image/', at) && at + 6 <= mainEnd) {
    chain = parseChain(source, at, mainEnd, opts, nested)
  } else if (source.startsWith('style/', at) && at + 6 <= mainEnd && !nested) {
    chain = parseStyleRef(source, at, mainEnd)
  } else {
    // nothing but slashes (`//`) means the same as the empty string: no processor named
    const slash = source.indexOf('/', at)
    const start = at === mainEnd ? 0 : at
    const end = slash < 0 || slash > mainEnd ? mainEnd : slash
    const expected = nested ? 'image/' : 'image/ or style/'
    throw syntaxError('BadRequest', `The process string must start with ${expected}.`, { source, start, end })
  }
  const result: ParsedProcess = { dialect, source, chain }
  if (pipe >= 0) result.saveAs = parseSaveAs(source, pipe + 1)
  return result
}

/** The first index in `[from, end)` that is not `/` (or `end`). */
function skipSlashes(source: string, from: number, end: number): number {
  while (from < end && source.charCodeAt(from) === SLASH) from++
  return from
}

/**
 * `style/<name>`, with empty segments around the name skipped (`style//thumb/`). Anything else
 * after the name (`style/x/resize,w_1`) makes the name invalid, as before.
 */
function parseStyleRef(source: string, at: number, end: number): StyleRef {
  const start = skipSlashes(source, at + 6, end)
  let stop = end
  while (stop > start && source.charCodeAt(stop - 1) === SLASH) stop--
  const name = source.slice(start, stop)
  if (!STYLE_NAME.test(name)) throw invalidValue('stylename', name, { source, start, end: stop })
  return { kind: 'style', name, span: { start: at, end } }
}

/** `image/…` from `at` (after any leading slashes) to `end` (the `|` or the end of the input). */
function parseChain(source: string, at: number, end: number, opts: Resolved, nested: boolean): ImageChain {
  const span = { start: at, end }
  const raws = scanActions(source, at + 6, end)
  if (raws.length === 0) {
    // `image/` (also `image//`, `/image/`): OSS rejects it (EC-0040-00000212, spec §1.2 and
    // §11.11), OBS returns the image unchanged (§9.1). Empty segments never count as actions.
    if (opts.dialect === 'obs') return { kind: 'image', actions: [], span }
    throw missingValue('action', { source, ...span })
  }
  if (raws.length > opts.maxActions) {
    const extra = raws[opts.maxActions]!
    throw syntaxError(
      'InvalidArgument',
      `The value of parameter: ${QUERY_KEY[opts.dialect]} has more than ${opts.maxActions} actions.`,
      { source, start: extra.start, end },
      QUERY_KEY[opts.dialect],
    )
  }
  const tables = actionTables(opts.dialect, nested)
  const ctx: ValueContext = {
    source,
    start: 0,
    end: 0,
    dialect: opts.dialect,
    argument: '',
    parseNested: parseNested as ValueContext['parseNested'],
    options: opts,
  }
  const actions: Action[] = new Array(raws.length)
  for (let i = 0; i < raws.length; i++) actions[i] = parseAction(raws[i]!, tables, ctx, nested)
  if (actions.length > 1) {
    for (const action of actions) {
      if (!tables.get(action.name)!.schema.solo) continue
      throw syntaxError('BadRequest', `${action.name} cannot be combined with other actions.`, {
        source,
        start: action.span.start,
        end: action.span.end,
      })
    }
  }
  return { kind: 'image', actions, span }
}

/**
 * A watermark's nested process. Errors inside it are re-anchored on the `image_` token of the outer
 * string (the nested text is base64 there, so a caret inside it would point at nothing readable);
 * code, message, argument and value are kept.
 */
function parseNested(text: string, where: Where, opts: Resolved): ParsedProcess {
  try {
    return parseProcess(text, opts, true)
  } catch (error) {
    if (!(error instanceof ImgError)) throw error
    throw new ImgError(error.code, error.message, {
      ...error.detail,
      span: { start: where.start, end: where.end },
      source: where.source,
      cause: error,
    })
  }
}
