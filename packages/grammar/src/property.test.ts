import { ImgError } from '@imgproc/types'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { processArbitrary } from './arbitrary.js'
import type { Dialect, ParsedProcess } from './ast.js'
import { parse } from './parse.js'
import { toPlain } from './plain.js'
import { ACTIONS } from './schema/index.js'
import { serialize } from './serialize.js'

const DIALECTS: Dialect[] = ['oss', 'obs']
const RUNS = 400

/**
 * Where an empty segment can go: the start, right after any `/` of the chain (doubling it) and,
 * with `end`, the end of the chain (before an OSS `|` suffix, which keeps its exact form).
 */
function segmentBoundaries(source: string, dialect: Dialect, end: boolean): number[] {
  const pipe = dialect === 'oss' ? source.indexOf('|') : -1
  const chainEnd = pipe < 0 ? source.length : pipe
  const at = [0]
  for (let i = 0; i < chainEnd; i++) if (source[i] === '/') at.push(i + 1)
  if (end) at.push(chainEnd)
  return at
}

/** `count` slashes inserted at each picked boundary (picks index the boundary list modulo its length). */
function withEmptySegments(source: string, boundaries: number[], picks: { pick: number; count: number }[]): string {
  const inserts = picks.map(({ pick, count }) => ({ at: boundaries[pick % boundaries.length]!, count }))
  inserts.sort((a, b) => b.at - a.at) // from the end, so earlier positions stay valid
  let out = source
  for (const { at, count } of inserts) out = out.slice(0, at) + '/'.repeat(count) + out.slice(at)
  return out
}

const picks = fc.array(fc.record({ pick: fc.nat(), count: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 4 })

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

  it('empty segments inserted anywhere in a valid string leave the AST (and its canonical string) unchanged', () => {
    fc.assert(
      fc.property(processArbitrary({ dialect }), picks, (ast, where) => {
        const canonical = serialize(ast)
        const spaced = withEmptySegments(canonical, segmentBoundaries(canonical, dialect, true), where)
        // the slashes may push a string that fits the length limit past it; that is not the point here
        const parsed = parse(spaced, { dialect, maxLength: Number.MAX_SAFE_INTEGER })
        expect(toPlain(parsed)).toEqual(ast)
        expect(serialize(parsed)).toBe(canonical)
      }),
      { numRuns: RUNS },
    )
  })

  it('empty segments change no error: same code and message, and the caret moves with the text', () => {
    const fragments = ['image/', 'style/', '/', ',', '_', '|', 'sys/saveas', 'o_dGVzdA', 'resize', 'rotate', 'info', 'format', 'w_', '0', '90', 'x', 'jpeg', 'thumb']
    const source = fc.array(fc.constantFrom(...fragments), { maxLength: 16 }).map((parts) => parts.join(''))
    fc.assert(
      fc.property(source, fc.nat(), fc.integer({ min: 1, max: 3 }), (s, pick, n) => {
        const boundaries = segmentBoundaries(s, dialect, false)
        const p = boundaries[pick % boundaries.length]!
        const spaced = withEmptySegments(s, [p], [{ pick: 0, count: n }])
        const before = attempt(s, dialect)
        const after = attempt(spaced, dialect)
        if (!(before instanceof ImgError)) {
          expect(after).not.toBeInstanceOf(ImgError)
          expect(toPlain(after as ParsedProcess)).toEqual(toPlain(before))
          return
        }
        expect(after).toBeInstanceOf(ImgError)
        const error = after as ImgError
        expect(error.code).toBe(before.code)
        // a style name is reported as written, slashes included (`style/a//b`)
        if (before.detail.argument !== 'stylename') expect(error.message).toBe(before.message)
        // an offset after the insertion moves by n; one exactly at it may move or not (a span
        // starting or ending there may or may not take the new slashes in)
        const moved = (old: number, now: number) => now === old + (old > p ? n : 0) || (old === p && now === old + n)
        expect(moved(before.detail.span!.start, error.detail.span!.start)).toBe(true)
        expect(moved(before.detail.span!.end, error.detail.span!.end)).toBe(true)
      }),
      { numRuns: RUNS * 2 },
    )
  })

  it('format,jpeg parses like format,jpg wherever it is written', () => {
    fc.assert(
      fc.property(processArbitrary({ dialect }), (ast) => {
        const canonical = serialize(ast)
        // `,` never occurs in a base64 value or a style name, so this only hits format actions
        const aliased = canonical.replaceAll('format,jpg', 'format,jpeg')
        expect(toPlain(parse(aliased, { dialect, maxLength: Number.MAX_SAFE_INTEGER }))).toEqual(ast)
      }),
      { numRuns: RUNS },
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
