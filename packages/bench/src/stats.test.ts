import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { percentile, summarize } from './stats.js'

describe('summarize', () => {
  it('gives median, extremes, quartiles and MAD of a known sample', () => {
    const s = summarize([5, 1, 3, 2, 4])
    expect(s).toEqual({ n: 5, median: 3, min: 1, max: 5, mad: 1, p25: 2, p75: 4 })
  })

  it('interpolates between samples', () => {
    expect(percentile([10, 20], 0.5)).toBe(15)
  })

  it('refuses an empty sample', () => {
    expect(() => summarize([])).toThrow(RangeError)
  })

  it('keeps min <= p25 <= median <= p75 <= max for any sample', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }), (xs) => {
        const s = summarize(xs)
        expect(s.min).toBeLessThanOrEqual(s.p25)
        expect(s.p25).toBeLessThanOrEqual(s.median)
        expect(s.median).toBeLessThanOrEqual(s.p75)
        expect(s.p75).toBeLessThanOrEqual(s.max)
        expect(s.mad).toBeGreaterThanOrEqual(0)
      }),
    )
  })
})
