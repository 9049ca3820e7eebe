import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sharpen } from './sharpen.js'
import { arbImage, testPicture } from './testing/arbitraries.js'

const same = (a: Uint8ClampedArray, b: Uint8ClampedArray) => a.length === b.length && a.every((v, i) => v === b[i])

describe('sharpen through the SIMD128 kernel', () => {
  it('gives exactly the bytes of the TypeScript loop (property: sizes from 1 pixel, amounts 0-100, any alpha)', () => {
    fc.assert(
      fc.property(arbImage(33), fc.double({ min: 0.01, max: 100, noNaN: true }), (image, amount) => {
        expect(same(sharpen(image, amount).data, sharpen(image, amount, { simd: false }).data)).toBe(true)
      }),
      { numRuns: 300 },
    )
  })

  it('equals the reference on a photo-sized picture (OSS sharpen 100 and 399)', () => {
    const image = testPicture(641, 427, true)
    for (const amount of [1, 3.99]) expect(same(sharpen(image, amount).data, sharpen(image, amount, { simd: false }).data)).toBe(true)
  })
})
