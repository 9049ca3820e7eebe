import { ImgError } from '@imgproc/types'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { processArbitrary } from './arbitrary.js'
import type { Dialect } from './ast.js'
import { parse } from './parse.js'
import { toPlain } from './plain.js'
import { ACTIONS } from './schema/index.js'
import { serialize } from './serialize.js'

const DIALECTS: Dialect[] = ['oss', 'obs']
const RUNS = 400

/** Parse, or return the ImgError; anything else thrown fails the property. */
function attempt(source: string, dialect: Dialect) {
  try {
    return parse(source, { dialect })
  } catch (error) {
    if (error instanceof ImgError) return error
    throw error
  }
}

describe.each(DIALECTS)('properties (%s)', (dialect) => {
  it('parse(serialize(ast)) equals ast for schema-generated ASTs', () => {
    fc.assert(
      fc.property(processArbitrary({ dialect }), (ast) => {
        expect(toPlain(parse(serialize(ast), { dialect }))).toEqual(ast)
      }),
      { numRuns: RUNS },
    )
  })

  it('serialize is idempotent: serialize(parse(serialize(ast))) === serialize(ast)', () => {
    fc.assert(
      fc.property(processArbitrary({ dialect }), (ast) => {
        const once = serialize(ast)
        expect(serialize(parse(once, { dialect }))).toBe(once)
      }),
      { numRuns: RUNS },
    )
  })

  it('arbitrary strings either parse or throw a typed ImgError with a span inside the input', () => {
    const prefix = fc.constantFrom('', 'image/', 'style/', 'image/resize,', 'image/watermark,')
    fc.assert(
      fc.property(prefix, fc.string({ unit: 'binary', maxLength: 80 }), (p, s) => {
        const result = attempt(p + s, dialect)
        if (result instanceof ImgError) {
          expect(['InvalidArgument', 'MissingArgument', 'BadRequest']).toContain(result.code)
          const span = result.detail.span!
          expect(span.start).toBeGreaterThanOrEqual(0)
          expect(span.end).toBeLessThanOrEqual((p + s).length)
          expect(span.start).toBeLessThanOrEqual(span.end)
          expect(result.detail.source).toBe(p + s)
        }
      }),
      { numRuns: RUNS * 2 },
    )
  })

  it('strings assembled from grammar fragments parse or throw ImgError, and what parses round-trips', () => {
    const fragments = [
      ...['image/', 'style/', '/', ',', '_', '|', 'sys/saveas', 'o_', 'b_', '=', '-', '?', 'p', '0', '1', '90', '100', '-50', '99999'],
      ...['resize', 'crop', 'indexcrop', 'circle', 'rounded-corners', 'rotate', 'auto-orient', 'blur', 'bright'],
      ...['contrast', 'sharpen', 'interlace', 'quality', 'format', 'watermark', 'info', 'average-hue'],
      ...['w_', 'h_', 'm_fill', 'g_se', 'g_br', 'r_', 'rx_', 'ry_', 'q_', 'Q_', 'P_', 'x_', 'y_', 'i_', 'color_FF0000'],
      ...['text_SGk', 'type_d3F5LXplbmhlaQ', 'image_cGFuZGEucG5n', 'image_YnVja2V0L2xvZ28ucG5n', 'dGVzdA', 'png', 'webp'],
    ]
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 24 }), (parts) => {
        const source = parts.join('')
        const result = attempt(source, dialect)
        if (result instanceof ImgError) {
          expect(result.detail.source).toBe(source)
          return
        }
        expect(toPlain(parse(serialize(result), { dialect }))).toEqual(toPlain(result))
      }),
      { numRuns: RUNS * 2 },
    )
  })

  it('the generator reaches every action of the dialect', () => {
    const seen = new Set<string>()
    for (const ast of fc.sample(processArbitrary({ dialect }), { numRuns: 600, seed: 7 })) {
      if (ast.chain.kind === 'image') for (const a of ast.chain.actions) seen.add(a.name)
    }
    expect([...seen].sort()).toEqual([...ACTIONS.map((a) => a.name)].sort())
  })

  it('mutated valid strings parse or throw ImgError, and what parses re-serializes to the same meaning', () => {
    const edit = fc.record({
      at: fc.nat(),
      remove: fc.nat({ max: 3 }),
      insert: fc.array(fc.constantFrom(...'/,_|=-+?09aPpQqwrx'.split('')), { maxLength: 3 }).map((c) => c.join('')),
    })
    fc.assert(
      fc.property(processArbitrary({ dialect }), fc.array(edit, { minLength: 1, maxLength: 3 }), (ast, edits) => {
        let s = serialize(ast)
        for (const { at, remove, insert } of edits) {
          const i = at % (s.length + 1)
          s = s.slice(0, i) + insert + s.slice(i + remove)
        }
        const result = attempt(s, dialect)
        if (result instanceof ImgError) return
        const again = parse(serialize(result), { dialect })
        expect(toPlain(again)).toEqual(toPlain(result))
      }),
      { numRuns: RUNS },
    )
  })
})
