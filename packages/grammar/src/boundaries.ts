/**
 * Builds the boundary fixture table from the schema: every integer/radius parameter of every action
 * at min-1, min, max and max+1, every enum/gravity/font value (and enum alias) plus one wrong
 * value, colours and text at and past their limits — in both dialects. Expectations are computed
 * here from the schema and the OSS message template, independently of the parser; the fixture test
 * compares the parser with the committed `fixtures/grammar/boundaries.json` and checks that file
 * is still what this builds.
 */
import type { Dialect } from './ast.js'
import { encodeBase64Url } from './base64.js'
import { actionTables } from './context.js'
import type { ParamSchema } from './schema/types.js'
import { GRAVITY_OBS, GRAVITY_OSS } from './values.js'

export interface FixtureOk {
  source: string
  dialect: Dialect
  expect: { name: string; params: Record<string, unknown> }
}
export interface FixtureError {
  source: string
  dialect: Dialect
  code: string
  message: string
  caret: string
}
export type Fixture = FixtureOk | FixtureError

/** Tokens that make an action valid without the parameter under test (rules: requireAny/together). */
const COMPANIONS: Record<string, Record<string, string>> = {
  resize: { '*': 'w_100', w: 'h_100', p: '' },
  indexcrop: { '*': 'x_10', x: '', y: '' },
  'rounded-corners': { '*': '', rx: 'ry_5', ry: 'rx_5' },
  blur: { r: 's_5', s: 'r_5' },
  watermark: { '*': 'text_SGk', text: '', image: '' },
}

function companion(action: string, key: string): string {
  const table = COMPANIONS[action]
  if (!table) return ''
  return table[key] ?? table['*'] ?? ''
}

interface Probe {
  raw: string
  value?: unknown
}

function probes(param: ParamSchema, dialect: Dialect): Probe[] {
  switch (param.kind) {
    case 'int': {
      const min = param.min!
      const max = param.max!
      return [{ raw: String(min - 1) }, { raw: String(min), value: min }, { raw: String(max), value: max }, { raw: String(max + 1) }]
    }
    case 'radius': {
      const list: Probe[] = [
        { raw: String(param.min! - 1) },
        { raw: String(param.min), value: { value: param.min, unit: 'px' } },
        { raw: String(param.max), value: { value: param.max, unit: 'px' } },
        { raw: String(param.max! + 1) },
      ]
      if (dialect === 'obs') {
        list.push({ raw: '0p' }, { raw: '1p', value: { value: 1, unit: 'percent' } })
        list.push({ raw: `${param.maxPercent}p`, value: { value: param.maxPercent, unit: 'percent' } })
        list.push({ raw: `${param.maxPercent! + 1}p` })
      } else {
        list.push({ raw: '10p' })
      }
      return list
    }
    case 'enum': {
      const aliases = Object.entries(param.aliases ?? {}).map(([raw, value]) => (param.values!.includes(value) ? { raw, value } : { raw }))
      return [...param.values!.map((v) => ({ raw: v, value: v })), ...aliases, { raw: 'nope' }]
    }
    case 'gravity': {
      const written = dialect === 'obs' ? GRAVITY_OBS : GRAVITY_OSS
      const other = dialect === 'obs' ? 'nw' : 'tl'
      return [...written.map((w, i) => ({ raw: w, value: GRAVITY_OSS[i] })), { raw: other }]
    }
    case 'color':
      return [{ raw: 'ff6a00', value: 'FF6A00' }, { raw: 'FFFFFF', value: 'FFFFFF' }, { raw: 'FFFFF' }, { raw: '#FFFFF' }, { raw: 'GGGGGG' }]
    case 'font':
      return [...param.values!.map((v) => ({ raw: encodeBase64Url(v), value: v })), { raw: encodeBase64Url('arial') }]
    case 'text': {
      const max = 'x'.repeat(param.maxBytes!)
      return [
        { raw: encodeBase64Url(max), value: max },
        { raw: encodeBase64Url(`${max}x`) },
        { raw: encodeBase64Url('图'.repeat(21)), value: '图'.repeat(21) }, // 63 bytes
        { raw: encodeBase64Url('图'.repeat(22)) }, // 66 bytes
      ]
    }
    case 'image':
      return []
  }
}

function caret(start: number, end: number): string {
  return ' '.repeat(start) + '^'.repeat(Math.max(1, end - start))
}

/** The `reason:` OSS appends for some values; only text length and fonts get one here. */
function reasonFor(param: ParamSchema): string {
  if (param.kind === 'text') return `reason:longer than ${param.maxBytes} bytes`
  if (param.kind === 'font') return 'reason:unknown font arial'
  return ''
}

export function boundaryCases(): Fixture[] {
  const out: Fixture[] = []
  for (const dialect of ['oss', 'obs'] as const) {
    for (const table of actionTables(dialect, false).values()) {
      const name = table.schema.name
      const params: [string, ParamSchema][] = [...table.params]
      if (table.positional) params.unshift(['value', table.positional])
      for (const [key, param] of params) {
        const extra = companion(name, key)
        const head = `image/${name},`
        for (const probe of probes(param, dialect)) {
          const token = key === 'value' ? probe.raw : `${key}_${probe.raw}`
          const source = `${head}${token}${extra ? `,${extra}` : ''}`
          if (probe.value === undefined) {
            const argument = key === 'value' ? name : key
            const reason = reasonFor(param)
            out.push({
              source,
              dialect,
              code: 'InvalidArgument',
              message: `The value: ${probe.raw} of parameter: ${argument} is invalid.${reason}`,
              caret: caret(head.length, head.length + token.length),
            })
            continue
          }
          const expectParams: Record<string, unknown> = { [key]: probe.value }
          if (extra) {
            const [k, v] = [extra.slice(0, extra.indexOf('_')), extra.slice(extra.indexOf('_') + 1)]
            expectParams[k] = k === 'text' ? 'Hi' : /^\d+$/.test(v) ? Number(v) : v
            if (name === 'rounded-corners') expectParams[k] = { value: Number(v), unit: 'px' }
          }
          out.push({ source, dialect, expect: { name, params: expectParams } })
        }
      }
    }
  }
  return out
}
