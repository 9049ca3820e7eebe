import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sharpen } from './sharpen.js'
import { arbImage, flatImage, testPicture } from './testing/arbitraries.js'

describe('sharpen', () => {
  it('keeps dimensions and alpha, and a flat image unchanged (property)', () => {
    fc.assert(fc.property(arbImage(10), fc.double({ min: 0.01, max: 4, noNaN: true }), (img, amount) => {
      const out = sharpen(img, amount)
      expect([out.width, out.height]).toEqual([img.width, img.height])
      for (let i = 3; i < img.data.length; i += 4) expect(out.data[i]).toBe(img.data[i])
    }))
    const flat = flatImage(5, 4, 90, 100, 110)
    expect(sharpen(flat, 3).data).toEqual(flat.data)
  })
  it('amount 0 returns the same object', () => {
    const img = testPicture(4, 4)
    expect(sharpen(img, 0)).toBe(img)
  })
  it('raises the contrast across an edge', () => {
    const img = flatImage(6, 3, 100, 100, 100)
    for (let y = 0; y < 3; y++) for (let x = 3; x < 6; x++) img.data.set([200, 200, 200, 255], (y * 6 + x) * 4)
    const out = sharpen(img, 1)
    expect(out.data[(6 + 2) * 4]).toBeLessThan(100)
    expect(out.data[(6 + 3) * 4]).toBeGreaterThan(200)
    expect(out.data[(6 + 0) * 4]).toBe(100)
  })
  it('refuses a negative amount', () => {
    expect(() => sharpen(testPicture(2, 2), -1)).toThrow(expect.objectContaining({ code: 'InvalidArgument' }))
  })
})
