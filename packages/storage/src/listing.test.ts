import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareKeys, paginate } from './listing.js'

const utf8 = new TextEncoder()
function byteOrder(a: string, b: string): number {
  const x = utf8.encode(a)
  const y = utf8.encode(b)
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!
  return x.length - y.length
}

/** The listing S3 defines, computed the obvious way: filter, roll up, dedupe. */
function model(keys: string[], prefix: string, delimiter: string | undefined) {
  const objects: string[] = []
  const prefixes = new Set<string>()
  for (const key of [...keys].sort(byteOrder)) {
    if (!key.startsWith(prefix)) continue
    const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1
    if (cut >= 0) prefixes.add(key.slice(0, cut + delimiter!.length))
    else objects.push(key)
  }
  return { objects, prefixes: [...prefixes] }
}

const keyArb = fc.string({ unit: fc.constantFrom('a', 'b', '/', '-', '\u00e9', '\uffe0', '\u{1f600}'), minLength: 1, maxLength: 6 })

describe('compareKeys', () => {
  it('is UTF-8 byte order (code point order), also around surrogates', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
      expect(Math.sign(compareKeys(a, b))).toBe(Math.sign(byteOrder(a, b)))
    }))
    expect(compareKeys('\uffe0', '\u{1f600}')).toBeLessThan(0) // plain '<' says the opposite
  })
})

describe('paginate', () => {
  it('pages concatenate to the model listing, each item exactly once', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(keyArb, { maxLength: 40 }),
        fc.constantFrom('', 'a', 'a/', '\u00e9'),
        fc.constantFrom(undefined, '/', '-'),
        fc.integer({ min: 1, max: 7 }),
        (keys, prefix, delimiter, maxKeys) => {
          const sorted = [...keys].sort(compareKeys)
          const objects: string[] = []
          const prefixes: string[] = []
          let cursor: string | undefined
          for (let pages = 0; pages < 100; pages++) {
            const page = paginate(sorted, { prefix, ...(delimiter ? { delimiter } : {}), maxKeys, ...(cursor ? { cursor } : {}) })
            expect(page.keys.length + page.commonPrefixes.length).toBeLessThanOrEqual(maxKeys)
            objects.push(...page.keys)
            prefixes.push(...page.commonPrefixes)
            cursor = page.nextCursor
            if (!cursor) break
          }
          const expected = model(keys, prefix, delimiter)
          expect(objects).toEqual(expected.objects)
          expect(prefixes).toEqual(expected.prefixes)
        },
      ),
    )
  })

  it('startAfter skips keys up to and including it', () => {
    const sorted = ['a', 'b', 'c/1', 'c/2', 'd'].sort(compareKeys)
    expect(paginate(sorted, { startAfter: 'b' }).keys).toEqual(['c/1', 'c/2', 'd'])
    expect(paginate(sorted, { startAfter: 'c/1', delimiter: '/' })).toEqual({ keys: ['d'], commonPrefixes: ['c/'] })
  })

  it('refuses a cursor it did not make and page sizes outside 1..1000', () => {
    expect(() => paginate([], { cursor: 'zzz' })).toThrow(expect.objectContaining({ code: 'InvalidArgument' }))
    expect(() => paginate([], { maxKeys: 0 })).toThrow(expect.objectContaining({ code: 'InvalidArgument' }))
    expect(() => paginate([], { maxKeys: 1.5 })).toThrow(expect.objectContaining({ code: 'InvalidArgument' }))
  })
})
