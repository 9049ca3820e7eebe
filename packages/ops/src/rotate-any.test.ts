import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { WHITE } from './color.js'
import { rotate, rotatedSize } from './rotate-any.js'
import { rotate90 } from './rotate-right-angle.js'
import { arbImage, flatImage, pixelAt, testPicture } from './testing/arbitraries.js'

describe('rotate (any angle)', () => {
  it('multiples of 90 are the exact quarter turns; 0 and 360 return the same object', () => {
    const img = testPicture(7, 5)
    expect(rotate(img, 0, WHITE)).toBe(img)
    expect(rotate(img, 360, WHITE)).toBe(img)
    expect(rotate(img, 90, WHITE).data).toEqual(rotate90(img).data)
    expect(rotate(img, -270, WHITE).data).toEqual(rotate90(img).data)
  })
  it('the canvas holds the turned image (property)', () => {
    fc.assert(fc.property(arbImage(8), fc.double({ min: -720, max: 720, noNaN: true }), (img, deg) => {
      const out = rotate(img, deg, WHITE)
      const want = rotatedSize(img.width, img.height, ((deg % 360) + 360) % 360)
      expect([out.width, out.height]).toEqual([want.width, want.height])
    }))
  })
  it('45 degrees: centre kept, corners background, sizes as geometry says', () => {
    const img = flatImage(40, 20, 0, 0, 255)
    const out = rotate(img, 45, { r: 255, g: 0, b: 0, a: 255 })
    expect([out.width, out.height]).toEqual([43, 43])
    expect(pixelAt(out, 21, 21)).toEqual([0, 0, 255, 255])
    expect(pixelAt(out, 0, 0)).toEqual([255, 0, 0, 255])
  })
  it('turns clockwise: a mark at the top lands on the right', () => {
    const img = flatImage(21, 21, 0, 0, 0)
    for (let x = 8; x < 13; x++) img.data.set([255, 255, 255, 255], (1 * 21 + x) * 4)
    const out = rotate(img, 30, { r: 0, g: 0, b: 0, a: 0 })
    let sumX = 0, n = 0
    for (let y = 0; y < out.height; y++) for (let x = 0; x < out.width; x++) {
      const v = pixelAt(out, x, y)[0]!
      if (v > 128) { sumX += x; n++ }
    }
    expect(sumX / n).toBeGreaterThan(out.width / 2)
  })
})
