import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { circleMask } from './mask-circle.js'
import { arbImage, flatImage, pixelAt } from './testing/arbitraries.js'

describe('circleMask', () => {
  it('keeps dimensions (property)', () => {
    fc.assert(fc.property(arbImage(), (img) => {
      const out = circleMask(img)
      expect([out.width, out.height]).toEqual([img.width, img.height])
    }))
  })
  it('clears corners, keeps the centre, anti-aliases the edge', () => {
    const out = circleMask(flatImage(40, 40, 10, 20, 30))
    expect(pixelAt(out, 0, 0)).toEqual([0, 0, 0, 0])
    expect(pixelAt(out, 20, 20)).toEqual([10, 20, 30, 255])
    const alphas = new Set<number>()
    for (let x = 0; x < 40; x++) alphas.add(pixelAt(out, x, 20 - 14)[3]!)
    expect([...alphas].some((a) => a > 0 && a < 255)).toBe(true)
  })
})
