import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { extract } from './extract.js'
import { arbImage, pixelAt } from './testing/arbitraries.js'

describe('extract', () => {
  it('returns the same object for the whole image', () => {
    const img = { width: 3, height: 2, data: new Uint8ClampedArray(24) }
    expect(extract(img, { left: 0, top: 0, width: 3, height: 2 })).toBe(img)
  })
  it('copies the region pixel for pixel (property)', () => {
    fc.assert(fc.property(arbImage(), fc.nat(), fc.nat(), fc.nat(), fc.nat(), (img, a, b, c, d) => {
      const left = a % img.width
      const top = b % img.height
      const width = 1 + (c % (img.width - left))
      const height = 1 + (d % (img.height - top))
      const out = extract(img, { left, top, width, height })
      expect([out.width, out.height, out.data.length]).toEqual([width, height, width * height * 4])
      expect(pixelAt(out, width - 1, height - 1)).toEqual(pixelAt(img, left + width - 1, top + height - 1))
      expect(pixelAt(out, 0, 0)).toEqual(pixelAt(img, left, top))
    }))
  })
  it('refuses regions outside the image with InvalidArgument', () => {
    const img = { width: 3, height: 2, data: new Uint8ClampedArray(24) }
    for (const r of [{ left: 2, top: 0, width: 2, height: 1 }, { left: -1, top: 0, width: 1, height: 1 },
      { left: 0, top: 0, width: 0, height: 1 }, { left: 0.5, top: 0, width: 1, height: 1 }]) {
      expect(() => extract(img, r)).toThrow(expect.objectContaining({ code: 'InvalidArgument' }))
    }
  })
})
