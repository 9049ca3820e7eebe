import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { circleRect, cappedCornerRadius, cropRect, indexCropRect, OUT_OF_IMAGE } from './crop.js'
import { parse, type CropParams } from '@imgproc/grammar'

const example = { width: 400, height: 267 }

describe('cropRect', () => {
  it('gives the section 11 cases 3 and 12', () => {
    expect(cropRect(example, { w: 100, h: 100, x: 100, y: 100 })).toEqual({ left: 100, top: 100, width: 100, height: 100 })
    expect(cropRect(example, { x: 100, y: 50 })).toEqual({ left: 100, top: 50, width: 300, height: 217 })
    expect(() => cropRect(example, { x: 500, y: 0 })).toThrow(OUT_OF_IMAGE)
    expect(() => cropRect(example, { x: 500, y: 0 })).toThrow(expect.objectContaining({ code: 'BadRequest' }))
  })

  it('starts at the top-left corner of the gravity cell (spec 2.2)', () => {
    expect(cropRect(example, { g: 'north' })).toEqual({ left: 133, top: 0, width: 267, height: 267 })
    expect(cropRect(example, { g: 'west' })).toEqual({ left: 0, top: 89, width: 400, height: 178 })
    expect(cropRect(example, { w: 200, h: 200, g: 'se' })).toEqual({ left: 266, top: 178, width: 134, height: 89 })
    expect(cropRect(example, { w: 10, h: 10, x: 10, y: 10, g: 'se' })).toEqual({ left: 276, top: 188, width: 10, height: 10 })
    // OBS spells the cells after screen positions; the grammar hands the engine the OSS name
    const obs = parse('image/crop,g_br', { dialect: 'obs' })
    const params = (obs.chain.kind === 'image' ? obs.chain.actions[0]!.params : {}) as CropParams
    expect(cropRect(example, params)).toEqual(cropRect(example, { g: 'se' }))
  })

  it('always lies within the image (property)', () => {
    const gravities = ['nw', 'north', 'ne', 'west', 'center', 'east', 'sw', 'south', 'se'] as const
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 2000 }),
        fc.nat(3000), fc.nat(3000), fc.nat(3000), fc.nat(3000), fc.constantFrom(...gravities),
        (W, H, w, h, x, y, g) => {
          let rect
          try {
            rect = cropRect({ width: W, height: H }, { w, h, x, y, g })
          } catch (error) {
            expect(error).toMatchObject({ code: 'BadRequest' })
            return
          }
          expect(rect.left).toBeGreaterThanOrEqual(0)
          expect(rect.top).toBeGreaterThanOrEqual(0)
          expect(rect.width).toBeGreaterThanOrEqual(1)
          expect(rect.height).toBeGreaterThanOrEqual(1)
          expect(rect.left + rect.width).toBeLessThanOrEqual(W)
          expect(rect.top + rect.height).toBeLessThanOrEqual(H)
        },
      ),
    )
  })
})

describe('indexCropRect', () => {
  it('slices along x or y, y winning, and returns undefined past the last slice (case 13)', () => {
    expect(indexCropRect(example, { x: 100, i: 0 })).toEqual({ left: 0, top: 0, width: 100, height: 267 })
    expect(indexCropRect(example, { y: 100, i: 10 })).toBeUndefined()
    expect(indexCropRect(example, { y: 100, i: 2 })).toEqual({ left: 0, top: 200, width: 400, height: 67 })
    expect(indexCropRect(example, { x: 100, y: 100, i: 1 })).toEqual({ left: 0, top: 100, width: 400, height: 100 })
    expect(indexCropRect(example, { x: 1000 })).toEqual({ left: 0, top: 0, width: 400, height: 267 })
  })
})

describe('circle and rounded-corner radii', () => {
  it('cuts a centred 2r+1 square and caps r at (short side - 1) / 2 (case 14)', () => {
    expect(circleRect(example, 100)).toEqual({ radius: 100, left: 100, top: 33, width: 201, height: 201 })
    expect(circleRect(example, 4096)).toEqual({ radius: 133, left: 67, top: 0, width: 267, height: 267 })
    expect(circleRect({ width: 200, height: 200 }, 500)).toMatchObject({ radius: 99, width: 199, top: 1 })
    expect(cappedCornerRadius(example, 500)).toBe(133)
    expect(cappedCornerRadius(example, 10)).toBe(10)
  })
})
