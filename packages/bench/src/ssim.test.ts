import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { RawImage } from '@imgproc/types'
import { ssim } from './ssim.js'

function image(width: number, height: number, pixel: (x: number, y: number) => number): RawImage {
  const data = new Uint8ClampedArray(width * height * 4)
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const v = pixel(x, y)
      data.set([v, v, v, 255], (y * width + x) * 4)
    }
  return { width, height, data }
}

const gradient = image(64, 48, (x, y) => (x * 3 + y * 2) % 256)
const base = image(32, 24, (x, y) => x * 4 + y)

describe('ssim', () => {
  it('is 1 for identical images', () => {
    expect(ssim(gradient, gradient)).toBeCloseTo(1, 10)
  })

  it('drops as noise grows', () => {
    let seed = 7
    const noise = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 256) - 128
    const light = image(64, 48, (x, y) => (x * 3 + y * 2) % 256 + noise() / 16)
    const heavy = image(64, 48, (x, y) => (x * 3 + y * 2) % 256 + noise())
    const s1 = ssim(gradient, light)
    const s2 = ssim(gradient, heavy)
    expect(s1).toBeLessThan(1)
    expect(s2).toBeLessThan(s1)
  })

  it('is symmetric and within [-1, 1]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 40 }), (shift, period) => {
        const other = image(32, 24, (x, y) => ((x + shift) % period) * 6 + y)
        const ab = ssim(base, other)
        const ba = ssim(other, base)
        expect(ab).toBeCloseTo(ba, 9)
        expect(ab).toBeLessThanOrEqual(1 + 1e-9)
        expect(ab).toBeGreaterThanOrEqual(-1 - 1e-9)
      }),
      { numRuns: 30 },
    )
  })

  it('refuses images of different sizes', () => {
    expect(() => ssim(gradient, image(10, 10, () => 0))).toThrow(/one size/)
  })
})
