import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { RawImage } from '@imgproc/types'
import { testPicture } from '../../testing/arbitraries.js'
import type { KernelName } from '../kernels.js'
import { resample } from '../resample.js'
import { simdAvailable } from '../../simd/simd-module.js'

const KERNEL_NAMES: KernelName[] = ['nearest', 'bilinear', 'bicubic', 'lanczos3']

/** Random RGBA with a chosen alpha mix: opaque, all random, or mostly clear/opaque with some partial. */
function arbPixels(width: number, height: number): fc.Arbitrary<RawImage> {
  const n = width * height * 4
  return fc.tuple(fc.uint8Array({ minLength: n, maxLength: n }), fc.constantFrom('opaque', 'random', 'cutout'))
    .map(([bytes, alpha]) => {
      const data = new Uint8ClampedArray(bytes)
      for (let i = 3; i < n; i += 4) {
        if (alpha === 'opaque') data[i] = 255
        else if (alpha === 'cutout') data[i] = data[i]! < 100 ? 0 : data[i]! > 160 ? 255 : data[i]!
      }
      return { width, height, data }
    })
}

/** Source and target sizes from 1 pixel up, shrinking (past the box pre-shrink) and enlarging. */
const arbCase = fc.record({
  width: fc.integer({ min: 1, max: 40 }),
  height: fc.integer({ min: 1, max: 40 }),
  dstWidth: fc.integer({ min: 1, max: 48 }),
  dstHeight: fc.integer({ min: 1, max: 48 }),
  kernel: fc.constantFrom(...KERNEL_NAMES),
  shrinkGap: fc.constantFrom(0, 1, 1.25, 2, 3),
}).chain((c) => arbPixels(c.width, c.height).map((image) => ({ ...c, image })))

/** -1 when equal, else the first byte index where they differ (toEqual on megabytes is very slow). */
function firstDifference(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  if (a.length !== b.length) return Math.min(a.length, b.length)
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i
  return -1
}

function bothWays(image: RawImage, width: number, height: number, kernel: KernelName, shrinkGap: number) {
  const simd = resample(image, width, height, { kernel, shrinkGap })
  const scalar = resample(image, width, height, { kernel, shrinkGap, simd: false })
  return { simd, scalar }
}

describe('resample through the SIMD128 kernels', () => {
  it('runs here (Node has WebAssembly SIMD)', () => {
    expect(simdAvailable()).toBe(true)
  })

  it('gives exactly the bytes of the TypeScript reference (property: sizes, kernels, gaps, alpha)', () => {
    fc.assert(
      fc.property(arbCase, ({ image, dstWidth, dstHeight, kernel, shrinkGap }) => {
        const { simd, scalar } = bothWays(image, dstWidth, dstHeight, kernel, shrinkGap)
        expect([simd.width, simd.height]).toEqual([dstWidth, dstHeight])
        // the arithmetic is the same integer sums and double divisions, so not even 1 LSB apart
        expect(firstDifference(simd.data, scalar.data)).toBe(-1)
      }),
      { numRuns: 300 },
    )
  })

  it('equals the reference on larger pictures: the thumbnail shapes, box pre-shrink, alpha, 1-pixel edges', () => {
    const cases: Array<[number, number, number, number, boolean]> = [
      [1363, 1113, 720, 588, false], // the JPEG thumbnail after shrink-on-load
      [2725, 2225, 720, 588, false], // the same without it: no box at gap 2, kernel 3.8x
      [2048, 1536, 320, 240, true], // the PNG alpha thumbnail: premultiplying box 3x3 at gap 2
      [301, 17, 1, 1, true], // everything into one pixel: a premultiplied box past 257 pixels (double division)
      [1201, 257, 2, 1, false], // plain boxes on 16-bit column sums: 300x128 (float division), 480x205 (double)
      [1, 257, 5, 31, false], // a 1-pixel column enlarged
      [97, 1, 300, 2, true], // a 1-pixel row enlarged
    ]
    for (const [w, h, dw, dh, alpha] of cases) {
      const image = testPicture(w, h, alpha)
      for (const shrinkGap of [1.25, 2]) {
        const { simd, scalar } = bothWays(image, dw, dh, 'lanczos3', shrinkGap)
        expect(firstDifference(simd.data, scalar.data), `${w}x${h} -> ${dw}x${dh} gap ${shrinkGap}`).toBe(-1)
      }
    }
  })

  it('leaves its input alone and returns a fresh array', () => {
    const image = testPicture(33, 21, true)
    const before = image.data.slice()
    const out = resample(image, 10, 7)
    expect(image.data).toEqual(before)
    expect(out.data.buffer).not.toBe(image.data.buffer)
    expect(out.data.byteOffset).toBe(0)
  })
})
