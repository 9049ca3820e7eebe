import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { ActionName, ParamsOf } from '../ast.js'
import { ACTIONS, actionSchema } from './index.js'
import { resolveParam } from './types.js'

/**
 * The AST's parameter interfaces, key by key. TypeScript rejects this object if a key is missing or
 * extra, and the test below compares it with the schema: the hand-written types and the tables agree.
 */
const AST_KEYS: { [N in ActionName]: Record<keyof ParamsOf<N>, true> } = {
  resize: { m: true, w: true, h: true, l: true, s: true, limit: true, color: true, p: true, P: true },
  crop: { w: true, h: true, x: true, y: true, g: true },
  indexcrop: { x: true, y: true, i: true },
  circle: { r: true },
  'rounded-corners': { r: true, rx: true, ry: true },
  rotate: { value: true },
  'auto-orient': { value: true },
  blur: { r: true, s: true },
  bright: { value: true },
  contrast: { value: true },
  sharpen: { value: true },
  interlace: { value: true },
  quality: { q: true, Q: true },
  format: { value: true },
  watermark: {
    ...{ t: true, g: true, x: true, y: true, voffset: true, fill: true, padx: true, pady: true },
    ...{ text: true, type: true, color: true, size: true, shadow: true, rotate: true },
    ...{ image: true, order: true, align: true, interval: true },
  },
  info: {},
  'average-hue': {},
}

describe('schema registry', () => {
  it('registers every action of spec section 2 once, in order', () => {
    expect(ACTIONS.map((a) => a.name)).toEqual(Object.keys(AST_KEYS))
  })

  it('registers every file of src/schema', () => {
    const files = readdirSync(new URL('.', import.meta.url))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !['index.ts', 'types.ts', 'limits.ts'].includes(f))
      .map((f) => f.replace(/\.ts$/, ''))
    expect(files.sort()).toEqual(ACTIONS.map((a) => a.name).sort())
  })

  it.each(ACTIONS.map((a) => [a.name, a] as const))('%s: schema keys match the AST type', (name, action) => {
    const keys = action.params.map((p) => p.key)
    if (action.positional) keys.unshift('value')
    expect(new Set(keys).size).toBe(keys.length)
    expect(keys.sort()).toEqual(Object.keys(AST_KEYS[name]).sort())
    expect(actionSchema(name)).toBe(action)
  })

  it.each(ACTIONS.map((a) => [a.name, a] as const))('%s: defaults lie inside their ranges; rules name real keys', (_n, action) => {
    const keys = new Set(action.params.map((p) => p.key))
    for (const param of action.params) {
      for (const dialect of ['oss', 'obs'] as const) {
        const p = resolveParam(param, dialect)
        if (p.default === undefined) continue
        if (p.kind === 'int') {
          expect(p.default).toBeGreaterThanOrEqual(p.min!)
          expect(p.default).toBeLessThanOrEqual(p.max!)
        }
        if (p.kind === 'enum' || p.kind === 'font') expect(p.values).toContain(p.default)
      }
    }
    const r = action.rules ?? {}
    const named = [...(r.requireAny ?? []), ...(r.together ?? []).flat(), ...(r.exclusive ?? []).flatMap(([k, o]) => [k, ...o])]
    for (const key of named) expect(keys).toContain(key)
  })

  it('looks up names exactly (action names are case-sensitive)', () => {
    expect(actionSchema('resize')?.name).toBe('resize')
    expect(actionSchema('Resize')).toBeUndefined()
  })
})
