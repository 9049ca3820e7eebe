import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { brightness, brightnessLut, contrast, contrastLut } from './tone.js'
import { arbImage, testPicture } from './testing/arbitraries.js'

describe('tone', () => {
  it('0 changes nothing (same object); luts at 0 are the identity', () => {
    const img = testPicture(4, 4)
    expect(brightness(img, 0)).toBe(img)
    expect(contrast(img, 0)).toBe(img)
    for (let i = 0; i < 256; i++) { expect(brightnessLut(0)[i]).toBe(i); expect(contrastLut(0)[i]).toBe(i) }
  })
  it('curves are monotonic and keep alpha (property)', () => {
    fc.assert(fc.property(arbImage(6), fc.integer({ min: -100, max: 100 }), (img, v) => {
      for (const lut of [brightnessLut(v), contrastLut(v)]) for (let i = 1; i < 256; i++) expect(lut[i]).toBeGreaterThanOrEqual(lut[i - 1]!)
      const out = brightness(contrast(img, v), v)
      for (let i = 3; i < img.data.length; i += 4) expect(out.data[i]).toBe(img.data[i])
    }))
  })
  it('ends: brightness 100 is white, -100 black; contrast -100 is flat grey', () => {
    expect(brightnessLut(100)[0]).toBe(255)
    expect(brightnessLut(-100)[255]).toBe(0)
    expect(new Set(contrastLut(-100)).size).toBe(1)
    expect(contrastLut(50)[200]).toBeGreaterThan(200)
  })
  it('refuses values outside -100..100', () => {
    expect(() => brightness(testPicture(2, 2), 101)).toThrow(expect.objectContaining({ code: 'InvalidArgument' }))
  })
})
