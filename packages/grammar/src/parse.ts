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
  let chain: ImageChain | StyleRef
  if (source.startsWith('image/', 0) && mainEnd >= 6) {
    chain = parseChain(source, mainEnd, opts, nested)
  } else if (source.startsWith('style/', 0) && mainEnd >= 6 && !nested) {
    const name = source.slice(6, mainEnd)
    if (!STYLE_NAME.test(name)) throw invalidValue('stylename', name, { source, start: 6, end: mainEnd })
    chain = { kind: 'style', name, span: { start: 0, end: mainEnd } }
  } else {
    const slash = source.indexOf('/')
    const end = slash < 0 || slash > mainEnd ? mainEnd : slash
    const expected = nested ? 'image/' : 'image/ or style/'
    throw syntaxError('BadRequest', `The process string must start with ${expected}.`, {
      source,
      start: 0,
      end,
    })
  }
  const result: ParsedProcess = { dialect, source, chain }
  if (pipe >= 0) result.saveAs = parseSaveAs(source, pipe + 1)
  return result
}

function parseChain(source: string, end: number, opts: Resolved, nested: boolean): ImageChain {
  const span = { start: 0, end }
  if (end === 6) {
    // `image/`: OSS rejects it (EC-0040-00000212), OBS returns the image unchanged (§9.1).
    if (opts.dialect === 'obs') return { kind: 'image', actions: [], span }
    throw missingValue('action', { source, start: 0, end })
  }
  const raws = scanActions(source, 6, end)
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
