import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { resizeGeometry, type ResizeParams } from './resize.js'

const caps = { maxSide: 16384, maxPixels: 16_777_216 }
const example = { width: 400, height: 267 }
const out = (params: ResizeParams, input = example) => resizeGeometry(input, params, caps).output

describe('resizeGeometry', () => {
  it('follows the documented 200x100 -> w_150,h_80 examples (spec 2.1)', () => {
    const src = { width: 200, height: 100 }
    expect(out({ m: 'lfit', w: 150, h: 80 }, src)).toEqual({ width: 150, height: 75 })
    expect(out({ m: 'mfit', w: 150, h: 80 }, src)).toEqual({ width: 160, height: 80 })
    const fill = resizeGeometry(src, { m: 'fill', w: 150, h: 80 }, caps)
    expect(fill.scaled).toEqual({ width: 160, height: 80 })
    expect(fill.crop).toEqual({ left: 5, top: 0, width: 150, height: 80 })
    const pad = resizeGeometry(src, { m: 'pad', w: 150, h: 80, color: 'FF0000' }, caps)
    expect(pad.scaled).toEqual({ width: 150, height: 75 })
    expect(pad.pad).toEqual({ left: 0, top: 2, width: 150, height: 80, color: 'FF0000' })
    expect(out({ m: 'fixed', w: 150, h: 80 }, src)).toEqual({ width: 150, height: 80 })
    expect(out({ h: 100 }, { width: 200, height: 100 })).toEqual({ width: 200, height: 100 })
    expect(out({ h: 50 }, src)).toEqual({ width: 100, height: 50 })
    expect(out({ m: 'fixed', h: 50 }, src)).toEqual({ width: 50, height: 50 })
  })

  it('gives the section 11 sizes for the 400x267 example (cases 2, 7, 8, 9)', () => {
    expect(out({ m: 'fixed', w: 100, h: 100 })).toEqual({ width: 100, height: 100 })
    expect(out({ w: 100 })).toEqual({ width: 100, height: 67 })
    expect(out({ l: 100 })).toEqual({ width: 100, height: 67 })
    expect(out({ s: 100 })).toEqual({ width: 150, height: 100 })
    expect(out({ l: 100, s: 100 })).toEqual({ width: 100, height: 67 })
    expect(out({ m: 'mfit', w: 100, h: 100 })).toEqual({ width: 150, height: 100 })
    expect(out({ m: 'fill', w: 100, h: 100 })).toEqual({ width: 100, height: 100 })
    expect(out({ m: 'pad', w: 100, h: 100, color: 'FF0000' })).toEqual({ width: 100, height: 100 })
    expect(out({ m: 'lfit', w: 100, h: 100 })).toEqual({ width: 100, height: 67 })
    const noEnlarge = resizeGeometry(example, { w: 500 }, caps)
    expect(noEnlarge.unchanged).toBe(true)
    expect(noEnlarge.output).toEqual(example)
    expect(out({ w: 500, limit: 0 })).toEqual({ width: 500, height: 334 })
  })

  it('rounds percentages half-up and never enlarges with limit_1', () => {
    expect(out({ p: 50 })).toEqual({ width: 200, height: 134 })
    expect(resizeGeometry(example, { p: 50 }, caps).byPercent).toBe(true)
    expect(resizeGeometry(example, { p: 150 }, caps).unchanged).toBe(true)
    expect(out({ p: 150, limit: 0 })).toEqual({ width: 600, height: 401 })
  })

  it('lets w/h win over l/s and any of them over p', () => {
    expect(out({ w: 100, l: 300 })).toEqual({ width: 100, height: 67 })
    expect(out({ w: 100, p: 10 })).toEqual({ width: 100, height: 67 })
    expect(out({ l: 100 }, { width: 267, height: 400 })).toEqual({ width: 67, height: 100 })
  })

  it('refuses outputs over the caps with ImageTooLarge (m_fixed,w_5000,h_5000)', () => {
    expect(() => resizeGeometry(example, { m: 'fixed', w: 5000, h: 5000, limit: 0 }, caps)).toThrow(
      expect.objectContaining({ code: 'ImageTooLarge' }),
    )
    expect(() => resizeGeometry(example, {}, caps)).toThrow(expect.objectContaining({ code: 'MissingArgument' }))
  })

  it('keeps lfit inside the box and mfit covering it, never enlarging with limit_1 (property)', () => {
    const side = fc.integer({ min: 1, max: 3000 })
    fc.assert(
      fc.property(side, side, side, side, (W, H, w, h) => {
        const lfit = resizeGeometry({ width: W, height: H }, { w, h }, caps)
        expect(lfit.output.width).toBeLessThanOrEqual(Math.max(w, 1))
        expect(lfit.output.height).toBeLessThanOrEqual(Math.max(h, 1))
        expect(lfit.output.width).toBeLessThanOrEqual(W)
        expect(lfit.output.height).toBeLessThanOrEqual(H)
        const mfit = resizeGeometry({ width: W, height: H }, { m: 'mfit', w, h, limit: 0 }, { maxSide: 1e9, maxPixels: 1e18 })
        expect(mfit.output.width).toBeGreaterThanOrEqual(w)
        expect(mfit.output.height).toBeGreaterThanOrEqual(h)
      }),
    )
  })
})
