/**
 * The conformance suite every codec in CODECS passes: header probe of its own output, encode ->
 * decode round trip within a stated PSNR, and damaged input -> typed ImgError (never a crash).
 */
import { ImgError, type Codec, type EncodeOptions, type ImageFormat, type RawImage } from '@imgproc/types'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { CODECS, createCodecRegistry, decode, probe, sniff } from './index.js'
import { initNode } from './node.js'
import { gradient, psnr } from './testing.js'
import { HEIF_ENC_MISSING, heifEncAvailable, makeHeic } from './formats/node-heif-enc.js'

/** Minimum PSNR (dB) of a round trip; Infinity = bit-exact. Alpha counted where kept. */
const ROUND_TRIP: Readonly<Partial<Record<ImageFormat, { options: EncodeOptions; minPsnr: number; alpha: boolean }>>> = {
  jpeg: { options: { quality: 90 }, minPsnr: 35, alpha: false },
  png: { options: {}, minPsnr: Infinity, alpha: true },
  webp: { options: { quality: 90 }, minPsnr: 35, alpha: false },
  gif: { options: {}, minPsnr: 28, alpha: false },
  bmp: { options: {}, minPsnr: Infinity, alpha: true },
  tiff: { options: {}, minPsnr: Infinity, alpha: true },
  avif: { options: { quality: 80 }, minPsnr: 33, alpha: false },
}

async function expectImgError(promise: Promise<unknown>, codes: string[]): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error, 'the decoder must throw').toBeInstanceOf(ImgError)
  expect(codes).toContain((error as ImgError).code)
}

/** Damaged copies of `bytes` (up to 8 flipped bytes) decode to a consistent image or throw ImgError. */
async function expectSurvivesBitFlips(codec: Codec, bytes: Uint8Array): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 }), async (flips) => {
      const damaged = bytes.slice()
      for (const [at, mask] of flips) damaged[at]! ^= mask
      try {
        const decoded = await codec.decode(damaged)
        expect(decoded.image.data.length).toBe(decoded.image.width * decoded.image.height * 4)
      } catch (error) {
        expect(error).toBeInstanceOf(ImgError)
      }
    }),
    { numRuns: Number(globalThis.process?.env.CODECS_FUZZ_RUNS ?? 40) },
  )
}

/** Half a file and a 12-byte stub are refused as BadRequest. */
async function expectRefusesTruncated(codec: Codec, bytes: Uint8Array): Promise<void> {
  await expectImgError(codec.decode(bytes.subarray(0, Math.floor(bytes.length / 2))), ['BadRequest'])
  await expectImgError(codec.decode(bytes.subarray(0, 12)), ['BadRequest'])
}

beforeAll(() => initNode())

describe.each(CODECS.map((codec) => [codec.format, codec] as [ImageFormat, Codec]))('%s codec conformance', (format, codec) => {
  it('declares consistent metadata', () => {
    expect(codec.mimeType).toMatch(/^image\//)
    expect(codec.extensions.length).toBeGreaterThan(0)
    expect(ROUND_TRIP[format] !== undefined).toBe(codec.canEncode && codec.canDecode)
  })
})

/** Codecs that both encode and decode (every one with a ROUND_TRIP entry; the metadata test above keeps the two in step). */
const ROUND_TRIPPING = CODECS.filter((codec) => ROUND_TRIP[codec.format] !== undefined)

describe.each(ROUND_TRIPPING.map((codec) => [codec.format, codec] as [ImageFormat, Codec]))('%s codec round trip', (format, codec) => {
  const spec = ROUND_TRIP[format]!

  it('encode -> sniff/probe -> decode round trip within the stated PSNR', async () => {
    const source = gradient(67, 41, spec.alpha)
    const bytes = await codec.encode(source, spec.options)
    expect(sniff(bytes)).toBe(format)
    expect(codec.sniff(bytes)).toBe(true)
    const header = probe(bytes)
    expect([header.format, header.width, header.height, header.frames]).toEqual([format, 67, 41, 1])
    const { image, orientation } = await decode(bytes)
    expect([image.width, image.height, orientation]).toEqual([67, 41, 1])
    expect(psnr(source, image, spec.alpha)).toBeGreaterThanOrEqual(spec.minPsnr)
  })

  it('refuses truncated and corrupted output with a typed error', async () => {
    const bytes = await codec.encode(gradient(64, 64), spec.options)
    await expectRefusesTruncated(codec, bytes)
  })

  it('never crashes on bit-flipped input (property)', async () => {
    const bytes = await codec.encode(gradient(24, 16), spec.options)
    await expectSurvivesBitFlips(codec, bytes)
  })
})

/**
 * Decode-only codecs: the same checks on a file made outside our encoders (by a test-time tool, as
 * we may not copy external images into the repo). Without the tool the checks skip with a warning.
 */
const DECODE_ONLY: Readonly<Partial<Record<ImageFormat, { make: (source: RawImage) => Promise<Uint8Array>; available: boolean; missing: string; minPsnr: number }>>> = {
  heic: { make: (source) => makeHeic(source, 90), available: heifEncAvailable, missing: HEIF_ENC_MISSING, minPsnr: 30 },
}

describe.each(Object.entries(DECODE_ONLY) as Array<[ImageFormat, NonNullable<(typeof DECODE_ONLY)[ImageFormat]>]>)('%s decode-only conformance', (format, spec) => {
  if (!spec.available) console.warn(spec.missing)
  const codec = CODECS.find((c) => c.format === format)!

  it('decodes and cannot encode', () => {
    expect([codec.canDecode, codec.canEncode]).toEqual([true, false])
  })

  it.skipIf(!spec.available)('sniff/probe -> decode within the stated PSNR', async () => {
    const source = gradient(67, 41)
    const bytes = await spec.make(source)
    expect([sniff(bytes), codec.sniff(bytes)]).toEqual([format, true])
    const header = probe(bytes)
    expect([header.format, header.width, header.height, header.frames]).toEqual([format, 67, 41, 1])
    const { image, orientation } = await decode(bytes)
    expect([image.width, image.height, orientation]).toEqual([67, 41, 1])
    expect(psnr(source, image)).toBeGreaterThanOrEqual(spec.minPsnr)
  })

  it.skipIf(!spec.available)('refuses truncated input with a typed error', async () => {
    const bytes = await spec.make(gradient(64, 64))
    await expectRefusesTruncated(codec, bytes)
  })

  it.skipIf(!spec.available)('never crashes on bit-flipped input (property)', async () => {
    const bytes = await spec.make(gradient(24, 16))
    await expectSurvivesBitFlips(codec, bytes)
  })
})

describe('sniff and probe on arbitrary bytes', () => {
  const MAGIC = [[0xff, 0xd8, 0xff], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [...'RIFF\0\0\0\0WEBP'].map((c) => c.charCodeAt(0)), [...'GIF89a'].map((c) => c.charCodeAt(0)), [...'BM'].map((c) => c.charCodeAt(0)), [...'II*\0'].map((c) => c.charCodeAt(0)), [0, 0, 0, 24, ...'ftypavif'].map((c) => (typeof c === 'number' ? c : c.charCodeAt(0)))]

  it('probe only ever returns a sane header or throws ImgError', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MAGIC), fc.uint8Array({ maxLength: 200 }), (magic, tail) => {
        const bytes = new Uint8Array([...magic, ...tail])
        try {
          const header = probe(bytes)
          expect(header.width).toBeGreaterThan(0)
          expect(header.height).toBeGreaterThan(0)
          expect(header.orientation).toBeGreaterThanOrEqual(1)
          expect(header.orientation).toBeLessThanOrEqual(8)
        } catch (error) {
          expect(error).toBeInstanceOf(ImgError)
        }
      }),
      { numRuns: 2000 },
    )
  })

  it('sniff never throws and ignores anything without magic bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const format = sniff(bytes)
        if (format === 'jpeg') expect([bytes[0], bytes[1], bytes[2]]).toEqual([0xff, 0xd8, 0xff])
      }),
    )
  })

  it('a registry without a format refuses it as unsupported', () => {
    const registry = createCodecRegistry(CODECS.filter((codec) => codec.format !== 'png'))
    expect(registry.sniff(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBeNull()
    expect(() => registry.getCodec('png')).toThrow(ImgError)
  })
})

describe('init', () => {
  it('WASM codecs initialise eagerly and idempotently; pure-JS codecs need none', async () => {
    for (const codec of CODECS) {
      if (['jpeg', 'png', 'webp', 'avif', 'heic'].includes(codec.format)) {
        await codec.init!()
        await codec.init!()
      } else expect(codec.init).toBeUndefined()
    }
  })
})

describe('abort', () => {
  it('an aborted signal refuses before decoding', async () => {
    const controller = new AbortController()
    controller.abort()
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xd9])
    await expect(decode(bytes, { signal: controller.signal })).rejects.toMatchObject({ code: 'RequestAborted' })
  })
})
