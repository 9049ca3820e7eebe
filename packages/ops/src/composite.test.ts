import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { composite } from './composite.js'
import { flatten } from './flatten.js'
import { psnr } from './psnr.js'
import { arbImage, flatImage } from './testing/arbitraries.js'

describe('composite', () => {
  it('opacity 0 and an overlay off the canvas change nothing (same object)', () => {
    fc.assert(
      fc.property(arbImage(), arbImage(), fc.integer({ min: -20, max: 20 }), fc.integer({ min: -20, max: 20 }), (base, overlay, left, top) => {
        expect(composite(base, overlay, { left, top, opacity: 0 })).toBe(base)
        expect(composite(base, overlay, { left: base.width, top })).toBe(base)
        const out = composite(base, overlay, { left, top })
        expect([out.width, out.height]).toEqual([base.width, base.height])
      }),
      { numRuns: 50 },
    )
  })

  it('an opaque overlay replaces the pixels it covers, clipped, and leaves the rest', () => {
    const base = flatImage(4, 4, 10, 20, 30, 255)
    const out = composite(base, flatImage(3, 3, 200, 100, 50, 255), { left: -1, top: 2 })
    expect(Array.from(out.data.subarray(((2 * 4) + 0) * 4, ((2 * 4) + 0) * 4 + 4))).toEqual([200, 100, 50, 255])
    expect(Array.from(out.data.subarray(((3 * 4) + 1) * 4, ((3 * 4) + 1) * 4 + 4))).toEqual([200, 100, 50, 255])
    expect(Array.from(out.data.subarray(((3 * 4) + 2) * 4, ((3 * 4) + 2) * 4 + 4))).toEqual([10, 20, 30, 255])
    expect(Array.from(base.data.subarray(0, 4))).toEqual([10, 20, 30, 255]) // base untouched
  })

  it('refuses an opacity outside 0-1 or a non-finite position with a typed error', () => {
    const base = flatImage(2, 2, 0, 0, 0, 255)
    for (const bad of [{ left: 0, top: 0, opacity: Number.NaN }, { left: 0, top: 0, opacity: 1.5 }, { left: Infinity, top: 0 }]) {
      expect(() => composite(base, base, bad)).toThrow(expect.objectContaining({ code: 'InvalidArgument' }))
    }
  })

  it('half opacity mixes half way; a transparent base takes the overlay colour', () => {
    const out = composite(flatImage(1, 1, 0, 0, 0, 255), flatImage(1, 1, 200, 100, 50, 255), { left: 0, top: 0, opacity: 0.5 })
    expect(Array.from(out.data)).toEqual([100, 50, 25, 255])
    const clear = composite(flatImage(1, 1, 0, 0, 0, 0), flatImage(1, 1, 200, 100, 50, 128), { left: 0, top: 0 })
    expect(Array.from(clear.data)).toEqual([200, 100, 50, 128])
  })
})

describe('flatten', () => {
  it('returns an opaque image itself and makes a transparent one opaque over the colour', () => {
    const opaque = flatImage(2, 2, 1, 2, 3, 255)
    expect(flatten(opaque, { r: 255, g: 255, b: 255, a: 255 })).toBe(opaque)
    const out = flatten(flatImage(1, 1, 0, 0, 0, 0), { r: 255, g: 0, b: 0, a: 255 })
    expect(Array.from(out.data)).toEqual([255, 0, 0, 255])
    const half = flatten(flatImage(1, 1, 0, 0, 255, 128), { r: 255, g: 255, b: 255, a: 255 })
    expect(Array.from(half.data)).toEqual([127, 127, 255, 255])
  })
})

describe('psnr', () => {
  it('is Infinity for identical images, finite and falling as noise grows, typed error on size mismatch', () => {
    const a = flatImage(4, 4, 100, 100, 100, 255)
    expect(psnr(a, a)).toBe(Infinity)
    const b = flatImage(4, 4, 101, 100, 100, 255)
    const c = flatImage(4, 4, 110, 100, 100, 255)
    expect(psnr(a, b)).toBeGreaterThan(psnr(a, c))
    expect(() => psnr(a, flatImage(2, 2, 0, 0, 0, 0))).toThrow(/same size/)
  })
})
