import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { flip } from './flip.js'
import { arbImage, pixelAt } from './testing/arbitraries.js'

describe('flip', () => {
  it('twice is the identity on both axes (property)', () => {
    fc.assert(fc.property(arbImage(), fc.constantFrom('horizontal', 'vertical' as const), (img, axis) => {
      expect(flip(flip(img, axis), axis).data).toEqual(img.data)
    }))
  })
  it('mirrors the right pixel', () => {
    const img = { width: 2, height: 2, data: new Uint8ClampedArray([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4]) }
    expect(pixelAt(flip(img, 'horizontal'), 0, 0)).toEqual([2, 2, 2, 2])
    expect(pixelAt(flip(img, 'vertical'), 0, 0)).toEqual([3, 3, 3, 3])
  })
  it('works on a misaligned view', () => {
    const buf = new Uint8ClampedArray(1 + 8)
    buf.set([9, 1, 2, 3, 4, 5, 6, 7, 8])
    const img = { width: 2, height: 1, data: buf.subarray(1) }
    expect(Array.from(flip(img, 'horizontal').data)).toEqual([5, 6, 7, 8, 1, 2, 3, 4])
  })
})
