import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { initNode } from '../node.js'
import { pngCodec } from './png.js'
import { encodePng } from './png-encode.js'

beforeAll(() => initNode())

describe('own PNG writer', () => {
  it('round-trips any image exactly through the squoosh decoder, at any level, interlaced or not (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 13 }),
        fc.integer({ min: 1, max: 11 }),
        fc.integer({ min: 0, max: 9 }),
        fc.boolean(),
        fc.boolean(),
        fc.uint8Array({ minLength: 572, maxLength: 572 }),
        async (w, h, level, interlace, opaque, noise) => {
          const data = new Uint8ClampedArray(w * h * 4)
          for (let i = 0; i < data.length; i++) data[i] = i % 4 === 3 && opaque ? 255 : noise[i]!
          const bytes = encodePng({ width: w, height: h, data }, { level, interlace })
          expect(pngCodec.probe(bytes).progressive).toBe(interlace)
          const back = await pngCodec.decode(bytes)
          expect(Array.from(back.image.data)).toEqual(Array.from(data))
        },
      ),
      { numRuns: 80 },
    )
  })
})
