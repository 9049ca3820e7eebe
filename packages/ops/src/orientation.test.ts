import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { flip } from './flip.js'
import { applyOrientation, orientationSwapsAxes } from './orientation.js'
import { rotate90 } from './rotate-right-angle.js'
import { arbImage, pixelAt } from './testing/arbitraries.js'

/** Where the stored pixel (x, y) of a w x h image lands in the upright image, per the EXIF table. */
function expectedPosition(o: number, x: number, y: number, w: number, h: number): [number, number] {
  switch (o) {
    case 1: return [x, y]
    case 2: return [w - 1 - x, y]
    case 3: return [w - 1 - x, h - 1 - y]
    case 4: return [x, h - 1 - y]
    case 5: return [y, x]
    case 6: return [h - 1 - y, x]
    case 7: return [h - 1 - y, w - 1 - x]
    default: return [y, w - 1 - x]
  }
}

describe('applyOrientation', () => {
  it('moves every pixel where the EXIF table says (property)', () => {
    fc.assert(fc.property(arbImage(6), fc.integer({ min: 1, max: 8 }), (img, o) => {
      const out = applyOrientation(img, o)
      expect([out.width, out.height]).toEqual(orientationSwapsAxes(o) ? [img.height, img.width] : [img.width, img.height])
      for (let y = 0; y < img.height; y++) {
        for (let x = 0; x < img.width; x++) {
          const [ux, uy] = expectedPosition(o, x, y, img.width, img.height)
          expect(pixelAt(out, ux, uy)).toEqual(pixelAt(img, x, y))
        }
      }
    }))
  })
  it('composes as the table says: 5 is 6 then a mirror, 8 is 3 then a quarter turn; 1 is the same object', () => {
    fc.assert(fc.property(arbImage(6), (img) => {
      expect(applyOrientation(img, 5).data).toEqual(flip(applyOrientation(img, 6), 'horizontal').data)
      expect(applyOrientation(img, 8).data).toEqual(rotate90(applyOrientation(img, 3)).data)
      expect(applyOrientation(img, 1)).toBe(img)
    }))
  })
  it('refuses unknown orientations', () => {
    expect(() => applyOrientation({ width: 1, height: 1, data: new Uint8ClampedArray(4) }, 9))
      .toThrow(expect.objectContaining({ code: 'InvalidArgument' }))
  })
})
