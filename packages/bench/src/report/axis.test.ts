import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { chooseAxis, denormalize, formatTick, normalize, ssimAxis } from './axis.js'

describe('chooseAxis', () => {
  it('is log when positive values span a decade or more (bytes from a thumbnail to a PNG)', () => {
    const axis = chooseAxis([36_000, 68_000, 450_000, 10_500_000])
    expect(axis.type).toBe('log')
    expect(axis.domain[0]).toBeLessThan(36_000)
    expect(axis.domain[1]).toBeGreaterThan(10_500_000)
  })

  it('is linear when they do not, or when a value is zero or negative', () => {
    expect(chooseAxis([450_000, 620_000, 2_800_000]).type).toBe('linear')
    expect(chooseAxis([0, 10, 1000]).type).toBe('linear')
    expect(chooseAxis([]).type).toBe('linear')
  })

  it('widens a linear axis over near-equal values to a tenth of their size, so ticks read apart', () => {
    const [lo, hi] = chooseAxis([333_588, 333_590, 333_600]).domain
    expect(hi - lo).toBeGreaterThanOrEqual(33_000)
    expect(formatTick(lo)).not.toBe(formatTick(hi))
  })

  it('always leaves every value strictly inside the domain', () => {
    // times and sizes: no subnormal doubles, whose division by 1.25 rounds back onto themselves
    const value = fc.double({ min: -1e9, max: 1e9, noNaN: true }).filter((v) => v === 0 || Math.abs(v) > 1e-6)
    fc.assert(fc.property(fc.array(value, { minLength: 1, maxLength: 30 }), (values) => {
      const [lo, hi] = chooseAxis(values).domain
      for (const v of values) expect(v > lo && v < hi).toBe(true)
    }))
  })
})

describe('ssimAxis', () => {
  it('spans the data, not 0-1, with the first tick on a hundredth and room above a perfect 1', () => {
    const { type, domain } = ssimAxis([0.884, 0.93, 0.99, 1])
    expect(type).toBe('linear')
    expect(domain[0]).toBe(0.88)
    expect(domain[1]).toBeGreaterThan(1)
    expect(domain[1]).toBeLessThan(1.01)
  })

  it('keeps a readable span when every output is lossless', () => {
    expect(ssimAxis([1, 1]).domain[0]).toBe(0.99)
  })
})

describe('normalize', () => {
  it('round-trips on both scale types', () => {
    for (const axis of [chooseAxis([1, 1000]), chooseAxis([1, 2])]) {
      expect(normalize(axis, axis.domain[0])).toBeCloseTo(0)
      expect(normalize(axis, axis.domain[1])).toBeCloseTo(1)
      expect(denormalize(axis, normalize(axis, 1.5))).toBeCloseTo(1.5)
    }
  })
})

describe('formatTick', () => {
  it('prints k and M, and small times as numbers', () => {
    expect([formatTick(0.5), formatTick(100), formatTick(1500), formatTick(12_000_000)]).toEqual(['0.5', '100', '1.5k', '12M'])
  })
})
