import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { gaussianBlur, gaussianWeights } from './blur.js'
import { arbImage, flatImage, testPicture } from './testing/arbitraries.js'

describe('gaussianBlur', () => {
  it('keeps dimensions and keeps a flat image flat (property)', () => {
    fc.assert(fc.property(arbImage(10), fc.integer({ min: 1, max: 6 }), fc.double({ min: 0.3, max: 8, noNaN: true }), (img, radius, sigma) => {
      const out = gaussianBlur(img, { radius, sigma })
      expect([out.width, out.height, out.data.length]).toEqual([img.width, img.height, img.data.length])
    }))
    const flat = flatImage(9, 7, 10, 200, 30, 255)
    expect(gaussianBlur(flat, { radius: 5, sigma: 3 }).data).toEqual(flat.data)
  })
  it('radius 0 or sigma 0 returns the same object', () => {
    const img = testPicture(5, 5)
    expect(gaussianBlur(img, { radius: 0, sigma: 2 })).toBe(img)
    expect(gaussianBlur(img, { radius: 3, sigma: 0 })).toBe(img)
  })
  it('smooths: a single bright pixel spreads symmetrically and loses its peak', () => {
    const img = flatImage(9, 9, 0, 0, 0, 255)
    img.data.set([255, 255, 255, 255], (4 * 9 + 4) * 4)
    const out = gaussianBlur(img, { radius: 3, sigma: 1.5 })
    const at = (x: number, y: number) => out.data[(y * 9 + x) * 4]!
    expect(at(4, 4)).toBeLessThan(255)
    expect(at(3, 4)).toBe(at(5, 4))
    expect(at(4, 3)).toBe(at(4, 5))
    expect(at(3, 4)).toBeGreaterThan(0)
  })
  it('weights sum to one in fixed point', () => {
    expect(gaussianWeights(10, 10).reduce((a, b) => a + b, 0)).toBe(1 << 14)
  })
  it('transparent pixels do not bleed their colour', () => {
    const img = flatImage(6, 1, 255, 0, 0, 255)
    for (let x = 3; x < 6; x++) img.data.set([0, 255, 0, 0], x * 4)
    const out = gaussianBlur(img, { radius: 2, sigma: 1 })
    expect(out.data[3 * 4 + 1]).toBe(0) // the half-transparent edge pixel stays pure red
    expect(out.data[3 * 4]).toBe(255)
  })
})
