/**
 * The LZW bound must never refuse a real stream: the most compressible images a real encoder
 * writes (one colour, large) and random ones stay within it, while a few bytes for a huge frame
 * do not.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { gifCodec } from '../formats/gif.js'
import { maxLzwPixels } from './gif-lzw-bound.js'
import { probeGif } from './gif.js'

function solid(width: number, height: number) {
  const data = new Uint8ClampedArray(width * height * 4)
  for (let i = 0; i < data.length; i += 4) data.set([200, 40, 90, 255], i)
  return { width, height, data }
}

describe('maxLzwPixels', () => {
  it('holds every frame gifenc writes for one-colour images, the best LZW ratio there is', async () => {
    for (const [width, height] of [[2048, 2048], [4000, 1], [1, 3000], [1, 1]] as const) {
      const header = probeGif(await gifCodec.encode(solid(width, height)))
      expect(header.starved, `${width}x${height}`).toBeUndefined()
    }
  })

  it('holds random images (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 64 }), fc.integer(), async (width, height, seed) => {
        const data = new Uint8ClampedArray(width * height * 4)
        let state = seed | 1
        for (let i = 0; i < data.length; i++) {
          state ^= state << 13
          state ^= state >>> 17
          state ^= state << 5
          data[i] = state & 0xff
        }
        expect(probeGif(await gifCodec.encode({ width, height, data })).starved).toBeUndefined()
      }),
      { numRuns: 40 },
    )
  })

  it('is a few thousand pixels a byte, so a few bytes cannot stand for 225 Mpx', () => {
    expect(maxLzwPixels(10, 2)).toBe(26 * 4098)
    expect(maxLzwPixels(10, 8)).toBe(8 * 4098)
    expect(maxLzwPixels(0, 2)).toBe(0)
    // damaged min code sizes cannot push the bound down: a code is never taken as shorter than 1 bit or longer than 12
    expect(maxLzwPixels(3, 0)).toBe(24 * 4098)
    expect(maxLzwPixels(3, 200)).toBe(2 * 4098)
  })
})
