import { describe, expect, it } from 'vitest'
import { tile } from './tile.js'
import { flatImage, pixelAt } from './testing/arbitraries.js'

describe('tile', () => {
  it('repeats the overlay with padding over the whole base, from an offset', () => {
    const base = flatImage(20, 10, 0, 0, 0)
    const mark = flatImage(2, 2, 255, 255, 255)
    const out = tile(base, mark, { left: 1, top: 1, padX: 3, padY: 2 })
    expect([out.width, out.height]).toEqual([20, 10])
    for (const [x, y] of [[1, 1], [6, 1], [11, 5], [16, 9], [7, 6], [17, 2]]) expect(pixelAt(out, x!, y!)).toEqual([255, 255, 255, 255])
    for (const [x, y] of [[3, 1], [1, 3], [0, 0]]) expect(pixelAt(out, x!, y!)).toEqual([0, 0, 0, 255])
    expect(pixelAt(base, 1, 1)).toEqual([0, 0, 0, 255]) // base untouched
  })
  it('opacity 0 returns the base itself', () => {
    const base = flatImage(4, 4, 1, 2, 3)
    expect(tile(base, flatImage(1, 1, 9, 9, 9), { opacity: 0 })).toBe(base)
  })
})
