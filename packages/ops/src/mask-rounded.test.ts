import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { roundCorners } from './mask-rounded.js'
import { arbImage, flatImage, pixelAt } from './testing/arbitraries.js'

describe('roundCorners', () => {
  it('keeps dimensions and the middle untouched (property)', () => {
    fc.assert(fc.property(arbImage(), fc.integer({ min: 0, max: 20 }), (img, r) => {
      const out = roundCorners(img, r)
      expect([out.width, out.height]).toEqual([img.width, img.height])
    }))
  })
  it('clears all four corners, keeps edges midway, 0 returns the same object', () => {
    const img = flatImage(30, 20, 50, 60, 70)
    const out = roundCorners(img, 8)
    for (const [x, y] of [[0, 0], [29, 0], [0, 19], [29, 19]]) expect(pixelAt(out, x!, y!)[3]).toBe(0)
    expect(pixelAt(out, 15, 0)).toEqual([50, 60, 70, 255])
    expect(pixelAt(out, 0, 10)).toEqual([50, 60, 70, 255])
    expect(pixelAt(out, 8, 8)).toEqual([50, 60, 70, 255])
    expect(roundCorners(img, 0)).toBe(img)
  })
})
