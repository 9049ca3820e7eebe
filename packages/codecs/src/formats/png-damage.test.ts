import { ImgError } from '@imgproc/types'
import { beforeAll, describe, expect, it } from 'vitest'
import { crc32 } from '../crc32.js'
import { initNode } from '../node.js'
import { gradient } from '../testing.js'
import { pngCodec } from './png.js'

beforeAll(() => initNode())

/** Replaces the IDAT payload with `payload` and fixes its CRC, so only the zlib data is wrong. */
function withIdat(png: Uint8Array, payload: Uint8Array): Uint8Array {
  const view = new DataView(png.buffer, png.byteOffset)
  let offset = 8
  while (String.fromCharCode(...png.subarray(offset + 4, offset + 8)) !== 'IDAT') offset += 12 + view.getUint32(offset)
  const length = view.getUint32(offset)
  const out = new Uint8Array(png.length - length + payload.length)
  out.set(png.subarray(0, offset))
  const o = new DataView(out.buffer)
  o.setUint32(offset, payload.length)
  out.set(png.subarray(offset + 4, offset + 8), offset + 4)
  out.set(payload, offset + 8)
  o.setUint32(offset + 8 + payload.length, crc32(out, offset + 4, offset + 8 + payload.length))
  out.set(png.subarray(offset + 12 + length), offset + 12 + payload.length)
  return out
}

describe('PNG with valid CRCs but broken zlib data', () => {
  it('throws a typed error and leaves the decoder usable', async () => {
    const good = await pngCodec.encode(gradient(16, 16))
    for (const payload of [new Uint8Array([0x78, 0x9c, 1, 2, 3, 4, 5]), new Uint8Array([1, 2, 3]), new Uint8Array(0)]) {
      const error = await pngCodec.decode(withIdat(good, payload)).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ImgError)
      expect((error as ImgError).code).toBe('BadRequest')
      expect((await pngCodec.decode(good)).image.width).toBe(16)
    }
  })
})
