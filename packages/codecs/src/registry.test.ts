import { ImgError } from '@imgproc/types'
import { beforeAll, describe, expect, it } from 'vitest'
import { decode, encode, getCodec, probe, sniff } from './index.js'
import { initNode } from './node.js'
import { gradient } from './testing.js'

beforeAll(() => initNode())

describe('registry', () => {
  it('round-trips JPEG, PNG and WebP through sniff, probe, decode', async () => {
    const image = gradient(64, 48)
    for (const format of ['jpeg', 'png', 'webp'] as const) {
      const bytes = await encode(image, format, { quality: 90 })
      expect(sniff(bytes)).toBe(format)
      const header = probe(bytes)
      expect([header.width, header.height]).toEqual([64, 48])
      const decoded = await decode(bytes)
      expect(decoded.image.width).toBe(64)
      expect(decoded.image.height).toBe(48)
      expect(getCodec(format).format).toBe(format)
    }
  })

  it('refuses unknown bytes with BadRequest', () => {
    expect(sniff(new Uint8Array([1, 2, 3, 4]))).toBeNull()
    expect(() => probe(new Uint8Array([1, 2, 3, 4]))).toThrow(new ImgError('BadRequest', 'This image format is not supported.'))
  })
})
