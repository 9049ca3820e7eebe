/**
 * One action segment -> a validated action node, driven entirely by the schema tables:
 * key-less value, keyed params (unknown keys ignored, last duplicate wins), then the rules
 * (required value, requireAny, together, exclusive).
 */
import type { Action, Span } from './ast.js'
import type { ActionTable } from './context.js'
import { invalidValue, missingValue, syntaxError } from './errors.js'
import type { RawAction } from './tokenize.js'
import { readValue, type ValueContext } from './values.js'

// Plain loops rather than callbacks: this runs for every action of every parse.
function firstPresent(params: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (let i = 0; i < keys.length; i++) if (keys[i]! in params) return keys[i]
  return undefined
}

function hasAny(params: Record<string, unknown>, keys: readonly string[]): boolean {
  return firstPresent(params, keys) !== undefined
}

function absentFrom(params: Record<string, unknown>): (key: string) => boolean {
  return (key) => !(key in params)
}

function quoteList(keys: readonly string[]): string {
  return keys.length === 1 ? keys[0]! : `${keys.slice(0, -1).join(', ')} or ${keys[keys.length - 1]}`
}

export function parseAction(
  raw: RawAction,
  tables: Map<string, ActionTable>,
  ctx: ValueContext,
  nested: boolean,
): Action {
  const source = ctx.source
  const name = source.slice(raw.start, raw.nameEnd)
  const span: Span = { start: raw.start, end: raw.end }
  if (name.length === 0) {
    // Empty segments never get here (the scanner skips them); this is `,w_1`: parameters with no
    // action to belong to, which we refuse rather than guess.
    throw syntaxError('BadRequest', 'An action name is missing.', { source, start: raw.start, end: raw.end })
  }
  const table = tables.get(name)
  if (!table) {
    const where = { source, start: raw.start, end: raw.nameEnd }
    throw invalidValue('action', name, where, nested ? 'not allowed in a watermark image process' : undefined)
  }
  const params: Record<string, unknown> = {}
  const spans: Record<string, Span> = {}
  for (const tok of raw.tokens) {
    ctx.start = tok.start
    ctx.end = tok.end
    if (tok.sep < 0) {
      const value = source.slice(tok.start, tok.end)
      if (!table.positional) throw invalidValue(name, value, ctx)
      ctx.argument = name
      params.value = readValue(table.positional, value, ctx)
      spans.value = { start: tok.start, end: tok.end }
      continue
    }
    const key = source.slice(tok.start, tok.sep)
    const param = table.params.get(key)
    if (!param) continue // OSS ignores unknown keys (spec §1.2)
    ctx.argument = key
    params[key] = readValue(param, source.slice(tok.sep + 1, tok.end), ctx)
    spans[key] = { start: tok.start, end: tok.end }
  }
  checkRules(name, table, params, spans, span, source)
  return { name, params, span, spans } as Action
}

function checkRules(
  name: string,
  table: ActionTable,
  params: Record<string, unknown>,
  spans: Record<string, Span>,
  span: Span,
  source: string,
): void {
  if (table.positional && !('value' in params)) throw missingValue(name, { source, ...span })
  if (table.requireAny.length > 0 && !hasAny(params, table.requireAny)) throw missingValue(quoteList(table.requireAny), { source, ...span })
  const rules = table.schema.rules
  if (!rules) return
  for (const group of rules.together ?? []) {
    const missing = group.filter(absentFrom(params))
    if (missing.length > 0 && missing.length < group.length) throw missingValue(quoteList(missing), { source, ...span })
  }
  for (const [key, others] of rules.exclusive ?? []) {
    if (!(key in params)) continue
    const clash = firstPresent(params, others)
    if (clash === undefined) continue
    const s = spans[key]!
    const token = source.slice(s.start, s.end)
    const value = token.slice(token.indexOf('_') + 1)
    throw invalidValue(key, value, { source, start: s.start, end: s.end }, `${key} cannot be combined with ${clash}`)
  }
}
