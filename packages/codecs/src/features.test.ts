/** Encode settings and animation: what the engine relies on beyond the plain round trip. */
import type { Frame } from '@imgproc/types'
import { beforeAll, describe, expect, it } from 'vitest'
import { decode, encode, probe } from './index.js'
import { initNode } from './node.js'
import { gradient, psnr } from './testing.js'

beforeAll(() => initNode())

function frames(count: number): Frame[] {
  return Array.from({ length: count }, (_, index) => {
    const image = gradient(20, 12)
    for (let i = 0; i < image.data.length; i += 4) image.data[i] = (index * 60) & 255
    return { image, delayMs: 40 + index * 10 }
  })
}

describe('JPEG settings', () => {
  it('writes baseline by default and progressive when asked; quality is readable back', async () => {
    const image = gradient(64, 64)
    for (const quality of [30, 60, 82, 95]) {
      const header = probe(await encode(image, 'jpeg', { quality }))
      expect(header.progressive).toBe(false)
      expect(Math.abs(header.quality! - quality)).toBeLessThanOrEqual(1)
    }
    expect(probe(await encode(image, 'jpeg', { progressive: true })).progressive).toBe(true)
    expect(probe(await encode(image, 'jpeg', { optimize: true })).progressive).toBe(true)
  })
})

describe('PNG settings', () => {
  it('honours compression level and Adam7 interlacing, lossless either way', async () => {
    const image = gradient(50, 30, true)
    const fast = await encode(image, 'png', { compressionLevel: 1 })
    const small = await encode(image, 'png', { compressionLevel: 9 })
    const interlaced = await encode(image, 'png', { progressive: true })
    expect(small.length).toBeLessThanOrEqual(fast.length)
    expect(probe(interlaced).progressive).toBe(true)
    for (const bytes of [fast, small, interlaced]) expect(psnr(image, (await decode(bytes)).image, true)).toBe(Infinity)
  })
})

describe('WebP settings', () => {
  it('lossless WebP is exact, alpha included', async () => {
    const image = gradient(33, 21, true)
    const bytes = await encode(image, 'webp', { lossless: true })
    expect(psnr(image, (await decode(bytes)).image, true)).toBe(Infinity)
  })
})

describe('animation', () => {
  for (const format of ['gif', 'webp'] as const) {
    it(`${format}: all frames and delays out and back in`, async () => {
      const input = frames(4)
      const bytes = await encode(input[0]!.image, format, { frames: input, loop: 0, quality: 95 })
      expect(probe(bytes).frames).toBe(4)
      const decoded = await decode(bytes)
      expect(decoded.frames).toHaveLength(4)
      expect(decoded.loop).toBe(0)
      decoded.frames!.forEach((frame, index) => {
        expect(frame.delayMs).toBe(input[index]!.delayMs)
        expect(psnr(frame.image, input[index]!.image)).toBeGreaterThan(25)
      })
      const first = await decode(bytes, { firstFrameOnly: true })
      expect(first.frames).toBeUndefined()
    })
  }
})

describe('limits', () => {
  it('refuses from the header with caller limits, before decoding', async () => {
    const bytes = await encode(gradient(40, 30), 'png')
    await expect(decode(bytes, { limits: { maxSide: 39 } })).rejects.toMatchObject({ code: 'ImageTooLarge' })
    await expect(decode(bytes, { limits: { maxPixels: 1199 } })).rejects.toMatchObject({ code: 'ImageTooLarge' })
    expect((await decode(bytes, { limits: { maxPixels: 1200 } })).image.width).toBe(40)
  })
})
