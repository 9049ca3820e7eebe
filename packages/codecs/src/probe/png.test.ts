// The PNG probe refuses, before any pixel buffer exists, a file whose image data is too small to
// hold the pixels its IHDR declares (deflate cannot expand past ~1032:1): a canvas far larger than
// its data costs nothing. Honest files, however compressible, pass.
import { deflateSync } from 'node:zlib'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { initNode } from '../node.js'
import { pngCodec } from '../formats/png.js'
import { probePng } from './png.js'
import { greyPngAround } from '../png.fixture.js'

beforeAll(() => initNode())

describe('probePng: image data against the declared size', () => {
  it('refuses a 15000x15000 canvas over 100 bytes of data, as damaged (BadRequest), at once', () => {
    const bomb = greyPngAround(15_000, 15_000, deflateSync(new Uint8Array(100)))
    expect(() => probePng(bomb)).toThrow(/cannot hold 15000x15000 pixels/)
    try {
      probePng(bomb)
    } catch (error) {
      expect(error).toMatchObject({ code: 'BadRequest', status: 400 })
    }
  })

  it('accepts the most compressible honest file (zeros at level 9, close to deflate’s limit)', () => {
    const side = 3000
    const honest = greyPngAround(side, side, deflateSync(new Uint8Array(side * (side + 1)), { level: 9 }))
    expect(probePng(honest)).toMatchObject({ width: side, height: side })
  })

  it('never refuses what our encoder writes, however flat', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1500 }), fc.integer({ min: 1, max: 1500 }), fc.integer({ min: 0, max: 255 }), async (width, height, value) => {
        const data = new Uint8ClampedArray(width * height * 4).fill(value)
        const bytes = await pngCodec.encode({ width, height, data }, {})
        expect(probePng(bytes)).toMatchObject({ width, height })
      }),
      { numRuns: 15 },
    )
  })
})
