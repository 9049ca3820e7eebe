import { ImgError } from '@imgproc/types'
import { beforeAll, describe, expect, it } from 'vitest'
import { decode, encode, probe } from '../index.js'
import { initNode } from '../node.js'
import { gradient, psnr } from '../testing.js'
import { heicCodec } from './heic.js'
import { HEIF_ENC_MISSING, heifEncAvailable, makeHeic } from './node-heif-enc.js'

if (!heifEncAvailable) console.warn(HEIF_ENC_MISSING)

beforeAll(() => initNode())

describe.skipIf(!heifEncAvailable)('HEIC decode (libheif-js) of HEIC made by heif-enc from our PNG', () => {
  it('decodes to the source size, RGBA, within 30 dB of the source', async () => {
    const source = gradient(160, 96)
    const bytes = await makeHeic(source, 90)
    expect(probe(bytes)).toMatchObject({ format: 'heic', width: 160, height: 96, frames: 1 })
    const decoded = await decode(bytes)
    expect([decoded.format, decoded.image.width, decoded.image.height, decoded.orientation]).toEqual(['heic', 160, 96, 1])
    expect(decoded.image.data).toBeInstanceOf(Uint8ClampedArray)
    expect(decoded.image.data.length).toBe(160 * 96 * 4)
    expect(psnr(source, decoded.image)).toBeGreaterThanOrEqual(30)
  })

  it('keeps the alpha channel and handles odd sizes (row stride != width x 4)', async () => {
    const source = gradient(67, 41, true)
    const { image } = await decode(await makeHeic(source, 90))
    expect([image.width, image.height]).toEqual([67, 41])
    expect(psnr(source, image, true)).toBeGreaterThanOrEqual(30)
  })

  it('checks the header size against the limits before decoding', async () => {
    const bytes = await makeHeic(gradient(64, 48), 50)
    await expect(decode(bytes, { limits: { maxPixels: 64 * 48 - 1 } })).rejects.toMatchObject({ code: 'ImageTooLarge' })
    await expect(decode(bytes, { limits: { maxSide: 63 } })).rejects.toMatchObject({ code: 'ImageTooLarge' })
    expect((await decode(bytes, { limits: { maxPixels: 64 * 48, maxSide: 64 } })).image.width).toBe(64)
  })

  it('refuses a file whose HEVC data is cut off with BadRequest, and still decodes afterwards', async () => {
    const bytes = await makeHeic(gradient(64, 64), 90)
    const error = await decode(bytes.subarray(0, bytes.length - 200)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ImgError)
    expect((error as ImgError).code).toBe('BadRequest')
    expect((await decode(bytes)).image.height).toBe(64)
  })
})

describe('HEIC encode', () => {
  it('is NotImplemented with a clear message', async () => {
    await expect(heicCodec.encode(gradient(4, 4))).rejects.toMatchObject({ code: 'NotImplemented', message: expect.stringContaining('no HEVC encoder') })
    await expect(encode(gradient(4, 4), 'heic')).rejects.toMatchObject({ code: 'NotImplemented' })
  })
})
