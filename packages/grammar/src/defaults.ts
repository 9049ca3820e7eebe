/**
 * Defaults, read from the schema (the AST never contains them, so `serialize` stays canonical).
 */
import type { ActionName, Dialect } from './ast.js'
import { getActionSchema } from './schema/index.js'
import { resolveParam } from './schema/types.js'

/**
 * The documented default of every parameter of `name` that has one, in `dialect`.
 * Gravity defaults use the OSS spelling like the AST (OBS watermark default `tl` is `nw`).
 */
export function paramDefaults(name: ActionName, dialect: Dialect = 'oss'): Record<string, string | number> {
  const schema = getActionSchema(name)
  const out: Record<string, string | number> = {}
  for (const p of schema.params) {
    if (p.dialects && !p.dialects.includes(dialect)) continue
    const value = resolveParam(p, dialect).default
    if (value !== undefined) out[p.key] = value
  }
  return out
}

/** A copy of `node` whose params have every default filled in where the string left it out. */
export function withDefaults<A extends { name: ActionName; params: object }>(node: A, dialect: Dialect = 'oss'): A {
  return { ...node, params: { ...paramDefaults(node.name, dialect), ...node.params } }
}

