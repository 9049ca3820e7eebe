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
  const at = { source, start: span.start, end: span.end }
  if (table.positional && !('value' in params)) throw missingValue(name, at)
  if (table.requireAny.length > 0 && !table.requireAny.some((k) => k in params)) {
    throw missingValue(quoteList(table.requireAny), at)
  }
  const rules = table.schema.rules
  for (const group of rules?.together ?? []) {
    const present = group.filter((k) => k in params)
    if (present.length > 0 && present.length < group.length) {
      throw missingValue(quoteList(group.filter((k) => !(k in params))), at)
    }
  }
  for (const [key, others] of rules?.exclusive ?? []) {
    if (!(key in params)) continue
    const clash = others.find((k) => k in params)
    if (clash === undefined) continue
    const s = spans[key]!
    const token = source.slice(s.start, s.end)
    const value = token.slice(token.indexOf('_') + 1)
    throw invalidValue(key, value, { source, start: s.start, end: s.end }, `${key} cannot be combined with ${clash}`)
  }
}
