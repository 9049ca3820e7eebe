/**
 * The PNG decoder against the one it replaced (@jsquash/png, squoosh's build of the Rust `png`
 * crate, kept as a devDependency for this): any colour type, bit depth, interlacing, filter bytes
 * and sample bytes must decode to the same RGBA8.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { decode as squooshDecode, init as initSquoosh } from '@jsquash/png/decode.js'
import { zlibSync } from 'fflate'
import { ImgError } from '@imgproc/types'
import { initNode } from '../node.js'
import { pngCodec } from './png.js'
import { imageDataLength, pngFile, PNG_DEPTHS, rowStarts, type PngLayoutSpec } from './png-file.fixture.js'

beforeAll(async () => {
  await initNode()
  const require = createRequire(import.meta.url)
  await initSquoosh(await WebAssembly.compile(readFileSync(require.resolve('@jsquash/png/codec/pkg/squoosh_png_bg.wasm'))))
})

const layout = fc
  .record({ colourType: fc.constantFrom(0, 2, 3, 4, 6), width: fc.integer({ min: 1, max: 19 }), height: fc.integer({ min: 1, max: 17 }), interlaced: fc.boolean(), depthPick: fc.nat() })
  .map(({ depthPick, ...rest }): PngLayoutSpec => ({ ...rest, bitDepth: PNG_DEPTHS[rest.colourType]![depthPick % PNG_DEPTHS[rest.colourType]!.length]! }))

/** A file of `spec` with random samples, random filter bytes, and PLTE/tRNS as the colour type allows. */
const arbitraryPng = layout.chain((spec) =>
  fc
    .record({
      bytes: fc.uint8Array({ minLength: imageDataLength(spec), maxLength: imageDataLength(spec) }),
      filters: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 40 }),
      plte: fc.uint8Array({ minLength: 3, maxLength: 768 }),
      trns: fc.option(fc.uint8Array({ minLength: 0, maxLength: 256 })),
      keyFromFirstPixel: fc.boolean(),
    })
    .map(({ bytes, filters, plte, trns, keyFromFirstPixel }) => {
      const data = bytes.slice()
      rowStarts(spec).forEach((at, row) => (data[at] = filters[row % filters.length]!))
      const extra: Array<[string, Uint8Array]> = []
      if (spec.colourType === 3) {
        const entries = plte.subarray(0, plte.length - (plte.length % 3))
        extra.push(['PLTE', entries])
        if (trns) extra.push(['tRNS', trns.subarray(0, entries.length / 3)])
      } else if ((spec.colourType === 0 || spec.colourType === 2) && trns) {
        // a key that matches often: the first pixel's samples when its row is unfiltered
        const samples = spec.colourType === 0 ? 1 : 3
        const key = new Uint8Array(samples * 2)
        if (keyFromFirstPixel && spec.bitDepth >= 8) {
          data[0] = 0
          for (let s = 0; s < samples; s++) {
            key[s * 2] = spec.bitDepth === 16 ? data[1 + s * 2]! : 0
            key[s * 2 + 1] = spec.bitDepth === 16 ? data[2 + s * 2]! : data[1 + s]!
          }
        } else {
          for (let s = 0; s < samples; s++) key[s * 2 + 1] = (trns[s] ?? 0) & ((1 << Math.min(8, spec.bitDepth)) - 1)
        }
        extra.push(['tRNS', key])
      }
      return { spec, png: pngFile(spec, data, extra) }
    }),
)

describe('PNG decoder: same pixels as the previous decoder (@jsquash/png)', () => {
  it('any colour type, bit depth, interlacing, filter bytes, palette and tRNS (property)', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryPng, async ({ png }) => {
        const expected = await squooshDecode(png)
        const { image } = await pngCodec.decode(png)
        expect([image.width, image.height]).toEqual([expected.width, expected.height])
        expect(Array.from(image.data)).toEqual(Array.from(expected.data))
      }),
      { numRuns: 400 },
    )
  })

  it('a wide RGB and RGBA image (the SIMD unfilter paths, many pixels a row) with every filter type', async () => {
    for (const colourType of [2, 6]) {
      const spec = { width: 301, height: 9, colourType, bitDepth: 8, interlaced: false }
      const data = Uint8Array.from({ length: imageDataLength(spec) }, (_, i) => (i * 2654435761) >>> 24)
      rowStarts(spec).forEach((at, row) => (data[at] = row % 5))
      const png = pngFile(spec, data)
      expect(Array.from((await pngCodec.decode(png)).image.data)).toEqual(Array.from((await squooshDecode(png)).data))
    }
  })
})

describe('PNG decoder: damaged image data', () => {
  const spec = { width: 4, height: 3, colourType: 6, bitDepth: 8, interlaced: false }
  const rows = new Uint8Array(imageDataLength(spec)).fill(7)
  rowStarts(spec).forEach((at) => (rows[at] = 1))
  const good = pngFile(spec, rows)

  async function failure(png: Uint8Array): Promise<ImgError> {
    const error = await pngCodec.decode(png).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ImgError)
    expect((error as ImgError).code).toBe('BadRequest')
    return error as ImgError
  }

  it('refuses an unknown filter type, too little data, a palette image without PLTE, a bit depth its colour type forbids', async () => {
    const badFilter = rows.slice()
    badFilter[rowStarts(spec)[1]!] = 5
    expect((await failure(pngFile(spec, badFilter))).message).toContain('unknown filter type')
    expect((await failure(pngFile(spec, rows.subarray(0, rows.length - 1)))).message).toContain('ends before the last row')
    expect((await failure(pngFile({ ...spec, colourType: 3 }, rows))).message).toContain('PLTE')
    expect((await failure(pngFile({ ...spec, colourType: 2, bitDepth: 4 }, rows))).message).toContain('colour type 2 with bit depth 4')
    expect((await pngCodec.decode(good)).image.width).toBe(4)
  })

  it('reads past what it does not need, as the previous decoder did: data beyond the last row, a wrong Adler-32', async () => {
    const expected = Array.from((await pngCodec.decode(good)).image.data)
    const longer = pngFile(spec, Uint8Array.from([...rows, 0, 1, 2, 3]))
    expect(Array.from((await pngCodec.decode(longer)).image.data)).toEqual(expected)
    const zlib = zlibSync(rows)
    zlib[zlib.length - 1]! ^= 0xff
    expect(Array.from((await pngCodec.decode(pngFile(spec, rows, [], zlib))).image.data)).toEqual(expected)
  })
})

describe('PNG decoder: size', () => {
  it('refuses with ImageTooLarge what the limits allow but a 32-bit WebAssembly heap cannot hold (RGBA over 2 GB)', async () => {
    const spec = { width: 30000, height: 30000, colourType: 0, bitDepth: 8, interlaced: false }
    // enough IDAT bytes to pass the probe's inflate-ratio check; never inflated
    const png = pngFile(spec, new Uint8Array(0), [], new Uint8Array(1_000_000))
    const error = await pngCodec.decode(png, { limits: { maxPixels: 1e9, maxSide: 30000 } }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'ImageTooLarge' })
  })
})
