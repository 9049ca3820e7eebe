/**
 * `toPlain(ast)`: the AST without `source`, `span` and `spans` (recursively, nested watermark processes
 * included): what a process string *means*, so two spellings of the same process compare equal.
 */
import type { Action, Dialect, ParsedProcess, WatermarkImage } from './ast.js'

export interface PlainProcess {
  dialect: Dialect
  chain: { kind: 'image'; actions: PlainAction[] } | { kind: 'style'; name: string }
  saveAs?: { object: string; bucket?: string }
}
export interface PlainAction {
  name: Action['name']
  params: Record<string, unknown>
}

export function toPlain(ast: ParsedProcess | PlainProcess): PlainProcess {
  const { chain } = ast
  const out: PlainProcess = {
    dialect: ast.dialect,
    chain:
      chain.kind === 'style'
        ? { kind: 'style', name: chain.name }
        : { kind: 'image', actions: chain.actions.map((a) => ({ name: a.name, params: plainParams(a.params) })) },
  }
  if (ast.saveAs) {
    out.saveAs = { object: ast.saveAs.object }
    if (ast.saveAs.bucket !== undefined) out.saveAs.bucket = ast.saveAs.bucket
  }
  return out
}

function plainParams(params: object): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue
    if (key === 'image') {
      const image = value as WatermarkImage
      const copy: WatermarkImage = { object: image.object }
      if (image.bucket !== undefined) copy.bucket = image.bucket
      if (image.process) copy.process = toPlain(image.process) as ParsedProcess
      out[key] = copy
    } else if (typeof value === 'object' && value !== null) {
      out[key] = { ...value }
    } else {
      out[key] = value
    }
  }
  return out
}
