/**
 * Turn-on-load: a JPEG decoded with `quarterTurns` gives exactly the pixels of a plain decode turned
 * afterwards (the definition below), at every DCT scale, for RGB, CMYK and arithmetic-coded files, odd samplings, and
 * odd sizes (row blocks of 16 that do not divide the height, widths not a multiple of 4).
 */
import { readFileSync, existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { RawImage } from '@imgproc/types'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { jpegCodec } from './formats/jpeg.js'
import { initNode } from './node.js'

beforeAll(() => initNode())

/** Clockwise quarter turns by definition: pixel (x, y) of the result is read from the source. */
function turned(image: RawImage, turns: 1 | 2 | 3): RawImage {
  const { width: w, height: h } = image
  const [ow, oh] = turns === 2 ? [w, h] : [h, w]
  const data = new Uint8ClampedArray(ow * oh * 4)
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      // inverse maps of (x, y) -> (h-1-y, x), (w-1-x, h-1-y), (y, w-1-x)
      const [sx, sy] = turns === 1 ? [y, h - 1 - x] : turns === 2 ? [w - 1 - x, h - 1 - y] : [w - 1 - y, x]
      data.set(image.data.subarray((sy * w + sx) * 4, (sy * w + sx) * 4 + 4), (y * ow + x) * 4)
    }
  }
  return { width: ow, height: oh, data }
}

function noise(width: number, height: number, seed: number): RawImage {
  const data = new Uint8ClampedArray(width * height * 4)
  let s = seed >>> 0
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0
    data[i] = (i & 3) === 3 ? 255 : s >>> 24
  }
  return { width, height, data }
}

async function expectTurnedDecode(jpeg: Uint8Array, minWidth?: number): Promise<void> {
  const plain = await jpegCodec.decode(jpeg, { minWidth, minHeight: minWidth && 1 })
  for (const turns of [1, 2, 3] as const) {
    const decoded = await jpegCodec.decode(jpeg, { minWidth, minHeight: minWidth && 1, quarterTurns: turns })
    expect(decoded.turned).toBe(turns)
    const expected = turned(plain.image, turns)
    expect([decoded.image.width, decoded.image.height]).toEqual([expected.width, expected.height])
    expect(Buffer.from(decoded.image.data).equals(Buffer.from(expected.data))).toBe(true)
  }
}

describe('JPEG turn-on-load', () => {
  it('equals a plain decode turned afterwards, for random sizes and every DCT scale (property)', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 1, max: 90 }), fc.integer({ min: 1, max: 90 }), fc.integer(), fc.constantFrom(undefined, 1, 2, 4, 8),
      async (width, height, seed, denom) => {
        const jpeg = await jpegCodec.encode(noise(width, height, seed), { quality: 90 })
        await expectTurnedDecode(jpeg, denom && Math.ceil(width / denom))
      },
    ), { numRuns: 60 })
  })

  const corpus = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url))
  const files = ['jpeg/wuffs-peacock.s2x1-422.jpeg', 'jpeg/wuffs-peacock.s-very-weird.jpeg', 'jpeg/sharp-Channel_digital_image_CMYK_color.jpg', 'jpeg/ljt-testimgari.jpg']
  for (const file of files) {
    it.skipIf(!existsSync(corpus + file))(`equals a plain decode turned afterwards: corpus ${file} (skipped when ../shared/corpus is absent)`, async () => {
      await expectTurnedDecode(new Uint8Array(readFileSync(corpus + file)))
    })
  }

  it('is ignored by default: no hint, no turn', async () => {
    const jpeg = await jpegCodec.encode(noise(20, 10, 1), { quality: 90 })
    const decoded = await jpegCodec.decode(jpeg)
    expect(decoded.turned ?? 0).toBe(0)
    expect([decoded.image.width, decoded.image.height]).toEqual([20, 10])
  })
})
