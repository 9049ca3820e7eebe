import { describe, expect, it } from 'vitest'
import { mixedLayout, placeMark, tilePositions, type PlacementParams } from './watermark.js'

const base = { width: 400, height: 267 }
const mark = { width: 100, height: 50 }
const p = (over: Partial<PlacementParams>): PlacementParams => ({ g: 'se', x: 10, y: 10, voffset: 0, fill: false, padx: 0, pady: 0, ...over })

describe('placeMark', () => {
  it('applies x/y margins towards the anchored edges and centres the middle row/column', () => {
    expect(placeMark(base, mark, p({}))).toEqual({ left: 290, top: 207 })
    expect(placeMark(base, mark, p({ g: 'nw' }))).toEqual({ left: 10, top: 10 })
    expect(placeMark(base, mark, p({ g: 'north' }))).toEqual({ left: 150, top: 10 })
    expect(placeMark(base, mark, p({ g: 'center' }))).toEqual({ left: 150, top: 108 })
    expect(placeMark(base, mark, p({ g: 'east', voffset: 20 }))).toEqual({ left: 290, top: 88 })
    expect(placeMark(base, mark, p({ g: 'sw', x: 0, y: 0 }))).toEqual({ left: 0, top: 217 })
  })
})

describe('tilePositions', () => {
  it('covers the whole base with a grid through the anchor', () => {
    const tiles = tilePositions(base, mark, p({ padx: 20, pady: 10 }))
    expect(tiles).toContainEqual({ left: 290, top: 207 })
    const covered = new Uint8Array(base.width * base.height)
    for (const t of tiles)
      for (let y = Math.max(0, t.top); y < Math.min(base.height, t.top + 60); y++)
        for (let x = Math.max(0, t.left); x < Math.min(base.width, t.left + 120); x++) covered[y * base.width + x] = 1
    expect(covered.every((v) => v === 1)).toBe(true)
    for (const t of tiles) {
      expect(t.left + mark.width).toBeGreaterThan(0)
      expect(t.top).toBeLessThan(base.height)
    }
  })
})

describe('mixedLayout', () => {
  it('puts the image first for order 0 and aligns vertically', () => {
    const layout = mixedLayout({ width: 50, height: 40 }, { width: 80, height: 20 }, 0, 1, 5)
    expect(layout.box).toEqual({ width: 135, height: 40 })
    expect(layout.image).toEqual({ left: 0, top: 0 })
    expect(layout.text).toEqual({ left: 55, top: 10 })
    const textFirst = mixedLayout({ width: 50, height: 40 }, { width: 80, height: 20 }, 1, 2, 0)
    expect(textFirst.text).toEqual({ left: 0, top: 20 })
    expect(textFirst.image).toEqual({ left: 80, top: 0 })
  })
})
