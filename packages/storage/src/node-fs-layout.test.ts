import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeKey, encodeKey, keyFromSegments, keySegments } from './node-fs-layout.js'

describe('filesystem key layout', () => {
  it('round-trips every valid key', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 400 }), (key) => {
        const segments = keySegments(key)
        expect(keyFromSegments(segments.slice(0, -1), segments[segments.length - 1]!)).toBe(key)
        expect(decodeKey(encodeKey(key))).toBe(key)
      }),
    )
  })

  it('produces only safe segments: no separators, no dot names, within file-name limits', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 1100 }), (key) => {
        for (const segment of keySegments(key)) {
          expect(segment).toMatch(/^[a-z0-9_.%A-F-]+~[do]$/)
          expect(segment.length).toBeLessThanOrEqual(202)
          expect(segment.startsWith('~')).toBe(false)
        }
      }),
    )
  })

  it('keeps names apart that differ only by case or Unicode normalisation, even case-folded', () => {
    const keys = ['Key', 'key', 'KEY', 'caf\u00e9', 'cafe\u0301', '\u212b', '\u00c5', '..', '.', '../x']
    const folded = keys.map((key) => keySegments(key).join('/').toLowerCase().normalize('NFC'))
    expect(new Set(folded).size).toBe(keys.length)
  })

  it('encodes traversal attempts into inert names', () => {
    expect(keySegments('../../etc/passwd')).toEqual(['..%2F..%2Fetc%2Fpasswd~o'])
    expect(keySegments('C:\\x')).toEqual(['%43%3A%5Cx~o'])
    expect(decodeKey('%zz')).toBeUndefined()
    expect(decodeKey('A')).toBeUndefined()
    expect(keyFromSegments([], 'tmp')).toBeUndefined()
  })
})
