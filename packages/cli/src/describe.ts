import { getActionSchema, paramDefaults, type Action, type ParsedProcess } from '@imgproc/grammar'

/**
 * A parsed process string in words, one numbered line per action with its parameters: those
 * written, then the defaults the service fills in (marked), each with the schema's own wording.
 */
export function describeProcess(parsed: ParsedProcess): string {
  const { chain, dialect } = parsed
  const lines: string[] = []
  if (chain.kind === 'style') {
    lines.push(`Style ${chain.name}: the bucket's stored process string of that name is applied.`)
  } else if (chain.actions.length === 0) {
    lines.push('No action: the original image is returned.')
  } else {
    chain.actions.forEach((action, i) => lines.push(...describeAction(action, i + 1, dialect)))
  }
  if (parsed.saveAs) lines.push(`Then the result is saved as ${parsed.saveAs.bucket ? `${parsed.saveAs.bucket}/` : ''}${parsed.saveAs.object} (sys/saveas).`)
  return lines.join('\n')
}

function describeAction(action: Action, index: number, dialect: ParsedProcess['dialect']): string[] {
  const schema = getActionSchema(action.name)
  const lines = [`${index}. ${action.name}: ${schema.doc}`]
  const written = action.params as Record<string, unknown>
  if (schema.positional && 'value' in written) lines.push(`     ${String(written.value)}  ${schema.positional.doc}`)
  for (const param of schema.params) {
    if (param.key in written) lines.push(`     ${param.key} = ${show(written[param.key])}  ${param.doc}`)
  }
  const defaults = paramDefaults(action.name, dialect)
  const unset = schema.params.filter((p) => !(p.key in written) && p.key in defaults)
  if (unset.length) lines.push(`     defaults: ${unset.map((p) => `${p.key}=${defaults[p.key]}`).join(', ')}`)
  return lines
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (value && typeof value === 'object') {
    if ('object' in value) return `object ${JSON.stringify((value as { object: string }).object)}`
    if ('value' in value && 'unit' in value) return `${(value as { value: number }).value}${(value as { unit: string }).unit === 'percent' ? '%' : 'px'}`
  }
  return String(value)
}
