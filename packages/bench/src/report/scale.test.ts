import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { linearScale, logScale, niceStep } from './scale.js'

describe('niceStep', () => {
  it('rounds to 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(100, 5)).toBe(20)
    expect(niceStep(7, 5)).toBe(2)
    expect(niceStep(0.3, 5)).toBeCloseTo(0.1)
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e9, noNaN: true }), fc.integer({ min: 1, max: 10 }), (span, n) => {
        const step = niceStep(span, n)
        const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-9)
        expect([1, 2, 5, 10].some((m) => Math.abs(mantissa - m) < 1e-6)).toBe(true)
      }),
    )
  })
})

describe('linearScale', () => {
  it('covers the data with whole ticks and maps ends onto the pixel range', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }), (min, span) => {
        const scale = linearScale(min, min + span, 0, 300)
        const first = scale.ticks[0]!
        const last = scale.ticks[scale.ticks.length - 1]!
        expect(first).toBeLessThanOrEqual(min + 1e-6 * Math.abs(min) + 1e-9)
        expect(last).toBeGreaterThanOrEqual(min + span - 1e-6 * Math.abs(min + span) - 1e-9)
        expect(scale.map(first)).toBeCloseTo(0, 6)
        expect(scale.map(last)).toBeCloseTo(300, 6)
      }),
    )
  })

  it('formats large numbers compactly', () => {
    const scale = linearScale(0, 2_000_000, 0, 100)
    expect(scale.format(1_500_000)).toBe('1.5M')
    expect(scale.format(2500)).toBe('2.5k')
  })
})

describe('logScale', () => {
  it('puts powers of ten at even spacing', () => {
    const scale = logScale(3, 700, 0, 300)
    expect(scale.ticks).toEqual([1, 10, 100, 1000])
    expect(scale.map(10) - scale.map(1)).toBeCloseTo(scale.map(1000) - scale.map(100), 9)
  })
})
