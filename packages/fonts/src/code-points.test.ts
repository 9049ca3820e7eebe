import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeCodePoints, encodeCodePoints, rangesHave } from './code-points.js'

const codePoints = fc.uniqueArray(fc.integer({ min: 0, max: 0x10ffff }), { maxLength: 300 })

describe('code point sets as text', () => {
  it('encodes ranges as gap[.length] in base 36', () => {
    expect(encodeCodePoints([0x41, 0x42, 0x43, 0x61])).toBe('1u.2,u') // 0x41 is 66 past -1, 0x61 is 30 past 0x43
    expect(encodeCodePoints([])).toBe('')
    expect(decodeCodePoints('1u.2,u')).toEqual(Uint32Array.of(0x41, 0x43, 0x61, 0x61))
  })

  it('round-trips any set: exactly its members are found', () => {
    fc.assert(
      fc.property(codePoints, fc.array(fc.integer({ min: 0, max: 0x10ffff }), { maxLength: 50 }), (set, probes) => {
        const ranges = decodeCodePoints(encodeCodePoints(set))
        const members = new Set(set)
        for (const cp of [...set, ...probes]) expect(rangesHave(ranges, cp)).toBe(members.has(cp))
        // ranges are sorted, disjoint and not touching (maximal)
        for (let i = 2; i < ranges.length; i += 2) expect(ranges[i]!).toBeGreaterThan(ranges[i - 1]! + 1)
      }),
    )
  })
})
