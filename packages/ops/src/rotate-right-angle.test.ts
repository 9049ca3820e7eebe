import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { rotate180, rotate270, rotate90, rotateRightAngle } from './rotate-right-angle.js'
import { arbImage, pixelAt, testPicture } from './testing/arbitraries.js'

describe('rotateRightAngle', () => {
  it('four quarter turns are the identity (property)', () => {
    fc.assert(fc.property(arbImage(), (img) => {
      const r = rotate90(rotate90(rotate90(rotate90(img))))
      expect([r.width, r.height]).toEqual([img.width, img.height])
      expect(r.data).toEqual(img.data)
    }))
  })
  it('90 then 270 and 180 twice are identities; 90 twice is 180 (property)', () => {
    fc.assert(fc.property(arbImage(), (img) => {
      expect(rotate270(rotate90(img)).data).toEqual(img.data)
      expect(rotate180(rotate180(img)).data).toEqual(img.data)
      expect(rotate90(rotate90(img)).data).toEqual(rotate180(img).data)
    }))
  })
  it('90 clockwise puts the top-left pixel at the top-right, across tiles', () => {
    const img = testPicture(130, 70)
    const r = rotate90(img)
    expect([r.width, r.height]).toEqual([70, 130])
    expect(pixelAt(r, 69, 0)).toEqual(pixelAt(img, 0, 0))
    expect(pixelAt(r, 0, 129)).toEqual(pixelAt(img, 129, 69))
    expect(pixelAt(r, 70 - 1 - 65, 100)).toEqual(pixelAt(img, 100, 65))
    const l = rotate270(img)
    expect(pixelAt(l, 0, 129)).toEqual(pixelAt(img, 0, 0))
  })
  it('0 turns returns the same object', () => {
    const img = testPicture(3, 3)
    expect(rotateRightAngle(img, 0)).toBe(img)
  })
})
