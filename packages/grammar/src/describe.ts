/**
 * Documentation generated from the schema: one Markdown table row per parameter, with its range and
 * default in each dialect. The README embeds the output; a test keeps the two in step.
 */
import { ACTIONS } from './schema/index.js'
import { resolveParam, type ActionSchema, type ParamSchema } from './schema/types.js'
import type { Dialect, Gravity } from './ast.js'
import { GRAVITY_OBS, GRAVITY_OSS } from './values.js'

function range(param: ParamSchema, dialect: Dialect): string {
  if (param.dialects && !param.dialects.includes(dialect)) return '—'
  const p = resolveParam(param, dialect)
  switch (p.kind) {
    case 'int':
      return `${p.min}…${p.max}`
    case 'radius':
      return dialect === 'obs' ? `${p.min}…${p.max} or 1p…${p.maxPercent}p` : `${p.min}…${p.max}`
    case 'enum': {
      const aliases = Object.entries(p.aliases ?? {}).map(([alias, value]) => `${alias} = ${value}`)
      return p.values!.join(' ') + (aliases.length > 0 ? ` (${aliases.join(', ')})` : '')
    }
    case 'font':
      return 'base64 of a font name'
    case 'gravity':
      return dialect === 'obs' ? 'tl top tr left center right bl bottom br' : 'nw north ne west center east sw south se'
    case 'color':
      return 'RRGGBB'
    case 'text':
      return `base64, 1…${p.maxBytes} UTF-8 bytes`
    case 'image':
      return dialect === 'obs' ? 'base64 of bucket/object[?x-image-process=…]' : 'base64 of object[?x-oss-process=…]'
  }
}

function defaults(param: ParamSchema): string {
  const oss = param.default
  let obs = resolveParam(param, 'obs').default
  // the schema keeps gravity in OSS spelling, like the AST; show OBS users their own names
  if (param.kind === 'gravity' && obs !== undefined) obs = GRAVITY_OBS[GRAVITY_OSS.indexOf(obs as Gravity)]
  if (oss === undefined && obs === undefined) return ''
  if (oss === obs) return `\`${oss}\``
  return `OSS \`${oss ?? '—'}\`, OBS \`${obs ?? '—'}\``
}

function row(action: ActionSchema, param: ParamSchema, key: string): string {
  const oss = range(param, 'oss')
  const obs = range(param, 'obs')
  const ranges = oss === obs ? oss : `OSS ${oss}; OBS ${obs}`
  const notes = [param.doc, param.nestedOnly ? '(watermark nested process only)' : ''].filter(Boolean).join(' ')
  return `| \`${action.name}\` | ${key} | ${ranges} | ${defaults(param)} | ${notes} |`
}

function rules(action: ActionSchema): string[] {
  const out: string[] = []
  const r = action.rules
  if (action.positional) out.push('key-less value required')
  if (r?.requireAny) out.push(`needs one of ${r.requireAny.join(', ')}`)
  for (const group of r?.together ?? []) out.push(`${group.join(' and ')} together`)
  for (const [key, others] of r?.exclusive ?? []) out.push(`${key} not with ${others.join(', ')}`)
  if (action.solo) out.push('only action of the chain')
  if (action.nestable) out.push('allowed in a watermark image process')
  return out
}

/** The Markdown parameter table of every action (both dialects). */
export function describeActions(): string {
  const lines = [
    '| action | param | range | default | meaning |',
    '| --- | --- | --- | --- | --- |',
  ]
  for (const action of ACTIONS) {
    if (action.positional) lines.push(row(action, action.positional, '(value)'))
    for (const param of action.params) lines.push(row(action, param, `\`${param.key}\``))
    if (!action.positional && action.params.length === 0) lines.push(`| \`${action.name}\` | — | | | ${action.doc} |`)
  }
  lines.push('', '| action | rules |', '| --- | --- |')
  for (const action of ACTIONS) {
    const list = rules(action)
    if (list.length > 0) lines.push(`| \`${action.name}\` | ${list.join('; ')} |`)
  }
  return lines.join('\n')
}
