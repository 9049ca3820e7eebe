import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { RawImage } from '@imgproc/types'
import { gaussianBlur } from './blur.js'
import { testPicture } from './testing/arbitraries.js'

/** Random RGBA, opaque or with random alpha (premultiplied path). */
const arbImage = fc.record({ width: fc.integer({ min: 1, max: 37 }), height: fc.integer({ min: 1, max: 37 }), opaque: fc.boolean() })
  .chain(({ width, height, opaque }) => fc.uint8Array({ minLength: width * height * 4, maxLength: width * height * 4 }).map((bytes): RawImage => {
    const data = new Uint8ClampedArray(bytes)
    if (opaque) for (let i = 3; i < data.length; i += 4) data[i] = 255
    return { width, height, data }
  }))

const same = (a: Uint8ClampedArray, b: Uint8ClampedArray) => a.length === b.length && a.every((v, i) => v === b[i])

describe('gaussianBlur through the SIMD128 kernels', () => {
  it('gives exactly the bytes of the TypeScript passes (property: sizes from 1 pixel, radius past the image, alpha)', () => {
    fc.assert(
      fc.property(arbImage, fc.integer({ min: 1, max: 50 }), fc.double({ min: 0.3, max: 50, noNaN: true }), (image, radius, sigma) => {
        const simd = gaussianBlur(image, { radius, sigma })
        const scalar = gaussianBlur(image, { radius, sigma, simd: false })
        expect(same(simd.data, scalar.data)).toBe(true)
      }),
      { numRuns: 200 },
    )
  })

  it('equals the reference on a photo-sized picture (OSS blur r_50 s_50 and a small one)', () => {
    for (const [radius, sigma, alpha] of [[50, 50, false], [3, 2, true]] as const) {
      const image = testPicture(641, 427, alpha)
      expect(same(gaussianBlur(image, { radius, sigma }).data, gaussianBlur(image, { radius, sigma, simd: false }).data)).toBe(true)
    }
  })
})
