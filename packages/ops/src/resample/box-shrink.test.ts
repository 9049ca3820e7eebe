import { describe, expect, it } from 'vitest'
import { flatImage } from '../testing/arbitraries.js'
import { boxShrink } from './box-shrink.js'

describe('boxShrink', () => {
  it('averages blocks, partial edge blocks included', () => {
    const src = new Uint8ClampedArray([0, 0, 0, 0, 10, 10, 10, 10, 100, 100, 100, 100])
    const out = boxShrink(src, 3, 1, 2, 1)
    expect([out.width, out.height]).toEqual([2, 1])
    expect(Array.from(out.data)).toEqual([5, 5, 5, 5, 100, 100, 100, 100])
  })
  it('keeps a flat image flat', () => {
    const img = flatImage(17, 9, 12, 34, 56, 78)
    const out = boxShrink(img.data, 17, 9, 4, 3)
    expect([out.width, out.height]).toEqual([5, 3])
    for (let i = 0; i < out.data.length; i += 4) expect(Array.from(out.data.subarray(i, i + 4))).toEqual([12, 34, 56, 78])
  })
})
