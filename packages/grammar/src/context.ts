/**
 * Per-dialect lookup tables derived once from the schema registry: action name -> schema and the
 * parameters accepted in that context (top level or inside a watermark's nested process).
 */
import type { Dialect } from './ast.js'
import { ACTIONS } from './schema/index.js'
import { resolveParam, type ActionSchema, type ParamSchema } from './schema/types.js'

export interface ActionTable {
  schema: ActionSchema
  positional?: ParamSchema
  params: Map<string, ParamSchema>
  /** `requireAny` keys that exist in this context */
  requireAny: string[]
}

function build(dialect: Dialect, nested: boolean): Map<string, ActionTable> {
  const map = new Map<string, ActionTable>()
  for (const schema of ACTIONS) {
    if (schema.dialects && !schema.dialects.includes(dialect)) continue
    if (nested && !schema.nestable) continue
    const params = new Map<string, ParamSchema>()
    for (const p of schema.params) {
      if (p.dialects && !p.dialects.includes(dialect)) continue
      if (p.nestedOnly && !nested) continue
      params.set(p.key, resolveParam(p, dialect))
    }
    const table: ActionTable = {
      schema,
      params,
      requireAny: (schema.rules?.requireAny ?? []).filter((k) => params.has(k)),
    }
    if (schema.positional) table.positional = resolveParam(schema.positional, dialect)
    map.set(schema.name, table)
  }
  return map
}

const TABLES: Record<Dialect, [Map<string, ActionTable>, Map<string, ActionTable>]> = {
  oss: [build('oss', false), build('oss', true)],
  obs: [build('obs', false), build('obs', true)],
}

/** The actions accepted in `dialect`, top level (`nested` false) or inside a watermark image. */
export function actionTables(dialect: Dialect, nested: boolean): Map<string, ActionTable> {
  return TABLES[dialect][nested ? 1 : 0]
}
