import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bmpCodec } from './bmp.js'

/** A BITMAPINFOHEADER BMP with the given bit depth, optional palette/masks and raw rows (bottom-up unless topDown). */
function bmp(width: number, height: number, bpp: number, rows: number[][], extra: { palette?: number[][]; masks?: number[]; topDown?: boolean } = {}): Uint8Array {
  const paletteBytes = (extra.palette ?? []).flatMap(([r, g, b]) => [b!, g!, r!, 0])
  const maskBytes = (extra.masks ?? []).flatMap((m) => [m & 255, (m >>> 8) & 255, (m >>> 16) & 255, m >>> 24])
  const rowBytes = Math.ceil((width * bpp) / 32) * 4
  const pixelOffset = 14 + 40 + maskBytes.length + paletteBytes.length
  const out = new Uint8Array(pixelOffset + rowBytes * height)
  const view = new DataView(out.buffer)
  out.set([0x42, 0x4d])
  view.setUint32(2, out.length, true)
  view.setUint32(10, pixelOffset, true)
  view.setUint32(14, 40, true)
  view.setInt32(18, width, true)
  view.setInt32(22, extra.topDown ? -height : height, true)
  view.setUint16(26, 1, true)
  view.setUint16(28, bpp, true)
  view.setUint32(30, extra.masks ? (extra.masks.length === 4 ? 6 : 3) : 0, true) // 6 = BI_ALPHABITFIELDS: four masks after a 40-byte header
  view.setUint32(46, extra.palette?.length ?? 0, true)
  out.set(maskBytes, 54)
  out.set(paletteBytes, 54 + maskBytes.length)
  rows.forEach((row, y) => out.set(row, pixelOffset + y * rowBytes))
  return out
}

describe('BMP decoder', () => {
  it('reads 1-bit and 8-bit palettes, bottom-up', async () => {
    const palette = [[255, 0, 0], [0, 0, 255]]
    const one = await bmpCodec.decode(bmp(3, 2, 1, [[0b10100000], [0b01000000]], { palette }))
    // bottom row first in the file: row 0 of the image is the file's second row
    expect(Array.from(one.image.data.subarray(0, 12))).toEqual([255, 0, 0, 255, 0, 0, 255, 255, 255, 0, 0, 255])
    const eight = await bmpCodec.decode(bmp(2, 1, 8, [[1, 0]], { palette }))
    expect(Array.from(eight.image.data)).toEqual([0, 0, 255, 255, 255, 0, 0, 255])
  })

  it('reads 16-bit 5-6-5 bitfields and 32-bit with an alpha mask, top-down', async () => {
    const rgb565 = await bmpCodec.decode(bmp(1, 1, 16, [[0x00, 0xf8]], { masks: [0xf800, 0x07e0, 0x001f] }))
    expect(Array.from(rgb565.image.data)).toEqual([255, 0, 0, 255])
    const rgba = await bmpCodec.decode(
      bmp(1, 2, 32, [[1, 2, 3, 128], [4, 5, 6, 255]], { masks: [0x00ff0000, 0x0000ff00, 0x000000ff, 0xff000000], topDown: true }),
    )
    expect(Array.from(rgba.image.data)).toEqual([3, 2, 1, 128, 6, 5, 4, 255])
  })

  it('refuses RLE and short pixel data with typed errors', async () => {
    const rle = bmp(2, 2, 8, [[0, 0], [0, 0]], { palette: [[0, 0, 0]] })
    new DataView(rle.buffer).setUint32(30, 1, true)
    await expect(bmpCodec.decode(rle)).rejects.toMatchObject({ code: 'NotImplemented' })
    await expect(bmpCodec.decode(bmp(4, 4, 24, []).subarray(0, 60))).rejects.toMatchObject({ code: 'BadRequest' })
  })

  it('round-trips any RGBA image exactly (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.boolean(), fc.uint8Array({ minLength: 324, maxLength: 324 }), async (w, h, opaque, noise) => {
        const data = new Uint8ClampedArray(w * h * 4)
        for (let i = 0; i < data.length; i++) data[i] = i % 4 === 3 && opaque ? 255 : noise[i]!
        const back = await bmpCodec.decode(await bmpCodec.encode({ width: w, height: h, data }))
        expect(Array.from(back.image.data)).toEqual(Array.from(data))
      }),
      { numRuns: 60 },
    )
  })
})
