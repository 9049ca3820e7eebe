/**
 * `serialize(ast)`: the canonical string of a parsed (or built) process. Canonical means: parameters
 * in schema order, the key-less value first, defaults only when they were written (the AST keeps what
 * was written), base64 URL-safe and unpadded, colours upper-case, gravity in the dialect's spelling.
 * `parse(serialize(x))` gives back x's values, and `serialize` is idempotent.
 */
import type { Action, Dialect, Gravity, ParsedProcess, Radius, WatermarkImage } from './ast.js'
import { encodeBase64Url } from './base64.js'
import { actionTables } from './context.js'
import type { ParamSchema } from './schema/types.js'
import { GRAVITY_OBS, GRAVITY_OSS } from './values.js'

/** The shape `serialize` needs: spans and source are ignored, so hand-built ASTs work too. */
export interface SerializableProcess {
  dialect: Dialect
  chain: { kind: 'image'; actions: readonly Pick<Action, 'name' | 'params'>[] } | { kind: 'style'; name: string }
  saveAs?: { object: string; bucket?: string }
}

const PROCESS_KEY = { oss: '?x-oss-process=', obs: '?x-image-process=' } as const

export function serialize(ast: SerializableProcess | ParsedProcess): string {
  return serializeProcess(ast, false)
}

function serializeProcess(ast: SerializableProcess, nested: boolean): string {
  const { dialect, chain } = ast
  let out: string
  if (chain.kind === 'style') {
    out = `style/${chain.name}`
  } else {
    const tables = actionTables(dialect, nested)
    out = 'image/'
    for (let i = 0; i < chain.actions.length; i++) {
      const action = chain.actions[i]!
      const table = tables.get(action.name)
      if (!table) throw new TypeError(`serialize: unknown action ${action.name}`)
      if (i > 0) out += '/'
      out += action.name
      const params = action.params as Record<string, unknown>
      if (table.positional && params.value !== undefined) out += `,${format(table.positional, params.value, dialect)}`
      for (const param of table.schema.params) {
        const value = params[param.key]
        if (value === undefined || !table.params.has(param.key)) continue
        out += `,${param.key}_${format(param, value, dialect)}`
      }
    }
  }
  if (ast.saveAs && !nested) {
    out += `|sys/saveas,o_${encodeBase64Url(ast.saveAs.object)}`
    if (ast.saveAs.bucket !== undefined) out += `,b_${encodeBase64Url(ast.saveAs.bucket)}`
  }
  return out
}

function format(param: ParamSchema, value: unknown, dialect: Dialect): string {
  switch (param.kind) {
    case 'int':
    case 'enum':
      return String(value)
    case 'color':
      return String(value).toUpperCase()
    case 'gravity':
      return dialect === 'obs' ? GRAVITY_OBS[GRAVITY_OSS.indexOf(value as Gravity)]! : String(value)
    case 'radius': {
      const r = value as Radius
      return r.unit === 'percent' ? `${r.value}p` : String(r.value)
    }
    case 'text':
    case 'font':
      return encodeBase64Url(String(value))
    case 'image': {
      const image = value as WatermarkImage
      let text = dialect === 'obs' ? `${image.bucket ?? ''}/${image.object}` : image.object
      if (image.process) text += PROCESS_KEY[dialect] + serializeProcess(image.process, true)
      return encodeBase64Url(text)
    }
  }
}
