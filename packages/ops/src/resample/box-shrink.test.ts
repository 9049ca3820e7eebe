import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { premultiply } from '../premultiply.js'
import { flatImage } from '../testing/arbitraries.js'
import { boxShrink, boxShrinkPremultiplied } from './box-shrink.js'

describe('boxShrink', () => {
  it('averages blocks, partial edge blocks included', () => {
    const src = new Uint8ClampedArray([0, 0, 0, 0, 10, 10, 10, 10, 100, 100, 100, 100])
    const out = boxShrink(src, 3, 1, 2, 1)
    expect([out.width, out.height]).toEqual([2, 1])
    expect(Array.from(out.data)).toEqual([5, 5, 5, 5, 100, 100, 100, 100])
  })
  it('keeps a flat image flat', () => {
    const img = flatImage(17, 9, 12, 34, 56, 78)
    const out = boxShrink(img.data, 17, 9, 4, 3)
    expect([out.width, out.height]).toEqual([5, 3])
    for (let i = 0; i < out.data.length; i += 4) expect(Array.from(out.data.subarray(i, i + 4))).toEqual([12, 34, 56, 78])
  })
})

describe('boxShrinkPremultiplied', () => {
  it('is boxShrink(premultiply(src)) up to the one rounding it saves (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 23 }), fc.integer({ min: 1, max: 17 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.integer(),
        (width, height, fx, fy, seed) => {
          const src = new Uint8ClampedArray(width * height * 4)
          let x = seed | 1
          for (let i = 0; i < src.length; i++) src[i] = (x = (Math.imul(x, 1103515245) + 12345) | 0) >>> 24
          // a third of the pixels clear, a third opaque: the branches real alpha images take
          for (let i = 3; i < src.length; i += 4) if (src[i]! % 3 !== 2) src[i] = src[i]! % 3 === 0 ? 0 : 255
          const fused = boxShrinkPremultiplied(src, width, height, fx, fy)
          const twoPass = boxShrink(premultiply(src), width, height, fx, fy)
          expect([fused.width, fused.height]).toEqual([twoPass.width, twoPass.height])
          for (let i = 0; i < fused.data.length; i++) expect(Math.abs(fused.data[i]! - twoPass.data[i]!)).toBeLessThanOrEqual(1)
        },
      ),
    )
  })
  it('weights colour by alpha: a transparent pixel lends the block no colour', () => {
    const src = new Uint8ClampedArray([255, 0, 0, 0, 0, 0, 200, 255])
    const out = boxShrinkPremultiplied(src, 2, 1, 2, 1)
    expect(Array.from(out.data)).toEqual([0, 0, 100, 128])
  })
})
