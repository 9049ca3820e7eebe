import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { RawImage } from '@imgproc/types'
import { psnr } from '../psnr.js'
import { resample } from './resample.js'
import type { KernelName } from './kernels.js'
import { arbImage, flatImage } from '../testing/arbitraries.js'

const KERNEL_NAMES: KernelName[] = ['nearest', 'bilinear', 'bicubic', 'lanczos3']

function gradient(width: number, height: number, alpha = 255): RawImage {
  const data = new Uint8ClampedArray(width * height * 4)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4
      data[i] = (x * 255) / Math.max(1, width - 1)
      data[i + 1] = (y * 255) / Math.max(1, height - 1)
      data[i + 2] = 128
      data[i + 3] = alpha
    }
  }
  return { width, height, data }
}

function flat(width: number, height: number, rgba: [number, number, number, number]): RawImage {
  return flatImage(width, height, ...rgba)
}

describe('resample', () => {
  it('returns the same object for the same size', () => {
    const image = gradient(7, 5)
    expect(resample(image, 7, 5)).toBe(image)
  })

  it('round-trips one axis (x2 then /2) close to the source, exactly for nearest (property)', () => {
    fc.assert(
      fc.property(arbImage(10), fc.constantFrom(...KERNEL_NAMES), (input, kernel) => {
        // opaque pixels: 8-bit premultiplication is lossy at low alpha, which is not what this checks
        const image = { ...input, data: input.data.map((v, i) => (i % 4 === 3 ? 255 : v)) }
        // double the width and halve it back: the height is untouched, the round trip stays close
        const wide = resample(image, image.width * 2, image.height, { kernel })
        expect([wide.width, wide.height]).toEqual([image.width * 2, image.height])
        const back = resample(wide, image.width, image.height, { kernel: kernel === 'nearest' ? 'nearest' : 'bilinear' })
        // nearest doubles each column, then picks one of each identical pair: exactly the source
        if (kernel === 'nearest') expect(Array.from(back.data)).toEqual(Array.from(image.data))
        else expect(psnr(back, image)).toBeGreaterThan(10)
      }),
      { numRuns: 60 },
    )
  })

  it('keeps a flat colour exactly flat with every kernel, up and down, opaque or not', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom(...KERNEL_NAMES),
        fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.constantFrom(255, 128)),
        (w, h, ow, oh, kernel, rgba) => {
          const out = resample(flat(w, h, rgba), ow, oh, { kernel })
          expect(out.width).toBe(ow)
          expect(out.height).toBe(oh)
          for (let i = 0; i < out.data.length; i += 4) {
            for (let c = 0; c < 4; c++) expect(Math.abs(out.data[i + c]! - rgba[c]!)).toBeLessThanOrEqual(rgba[3] === 255 ? 0 : 2)
          }
        },
      ),
      { numRuns: 60 },
    )
  })

  it('halving then doubling a smooth gradient comes back close (lanczos3 > 35 dB)', () => {
    const image = gradient(64, 48)
    const back = resample(resample(image, 32, 24), 64, 48)
    expect(psnr(image, back)).toBeGreaterThan(35)
  })

  it('uses the box pre-shrink for large factors and still matches the pure kernel closely', () => {
    const image = gradient(400, 300)
    const pure = resample(image, 40, 30, { shrinkGap: 0 })
    const shrunk = resample(image, 40, 30)
    expect(psnr(pure, shrunk)).toBeGreaterThan(40)
  })

  it('copies pixels exactly with nearest, transparent ones included (no premultiplication)', () => {
    const image = flatImage(2, 1, 160, 20, 30, 4)
    const out = resample(image, 6, 3, { kernel: 'nearest' })
    for (let i = 0; i < out.data.length; i += 4) expect(Array.from(out.data.subarray(i, i + 4))).toEqual([160, 20, 30, 4])
  })

  it('does not bleed the colour of transparent pixels into visible ones (premultiplied)', () => {
    const image = flat(8, 1, [255, 0, 0, 255])
    for (let x = 4; x < 8; x++) image.data.set([0, 255, 0, 0], x * 4)
    const out = resample(image, 4, 1, { kernel: 'bilinear' })
    for (let x = 0; x < 4; x++) {
      if (out.data[x * 4 + 3]! > 0) expect(out.data[x * 4 + 1]).toBe(0)
    }
  })

  it('refuses impossible target sizes with a typed error', () => {
    expect(() => resample(gradient(4, 4), 0, 4)).toThrow(/target size/)
    expect(() => resample(gradient(4, 4), 1.5, 4)).toThrow(/target size/)
  })
})
