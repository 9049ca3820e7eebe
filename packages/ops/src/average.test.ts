import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { averageColor, hueStatistics } from './average.js'
import { flatImage } from './testing/arbitraries.js'

describe('averageColor / hueStatistics', () => {
  it('the average of a flat image is its colour (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 255 }),
      fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 255 }), (w, h, r, g, b, a) => {
        expect(averageColor(flatImage(w, h, r, g, b, a))).toEqual({ r, g, b, a })
      }))
  })
  it('transparent pixels do not count', () => {
    const img = flatImage(2, 1, 200, 100, 0, 255)
    img.data.set([0, 0, 255, 0], 4)
    expect(averageColor(img)).toEqual({ r: 200, g: 100, b: 0, a: 128 })
  })
  it('hue of pure colours; grey has none', () => {
    expect(hueStatistics(flatImage(3, 3, 255, 0, 0)).meanHue).toBeCloseTo(0)
    expect(hueStatistics(flatImage(3, 3, 0, 0, 255)).meanHue).toBeCloseTo(240)
    const s = hueStatistics(flatImage(3, 3, 0, 255, 0), 36)
    expect(s.histogram[12]).toBeCloseTo(9)
    expect(Number.isNaN(hueStatistics(flatImage(2, 2, 90, 90, 90)).meanHue)).toBe(true)
  })
})
