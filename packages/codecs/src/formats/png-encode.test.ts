import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type { RawImage } from '@imgproc/types'
import { initNode } from '../node.js'
import { pngCodec } from './png.js'
import { encodePng, pngTargets } from './png-encode.js'
import { arbitraryImage, imageOf } from './png-file.fixture.js'
import type { PixelAnalysis } from './png-wasm.js'

// sharp (a devDependency) decodes our files independently of our decoder and is the size yardstick.
const sharp = await import('sharp').then((module) => module.default).catch(() => undefined)
if (!sharp) console.warn('PNG checks against sharp skipped: sharp is not installed')
const corpus = fileURLToPath(new URL('../../../../../shared/corpus/', import.meta.url))
const hasCorpus = existsSync(`${corpus}MANIFEST.tsv`)
if (!hasCorpus) console.warn(`PNG size checks on corpus images skipped: ${corpus} is absent`)

beforeAll(() => initNode())

const ihdr = (png: Uint8Array) => ({ bitDepth: png[24], colourType: png[25], interlaced: png[28] === 1 })
const chunkTypes = (png: Uint8Array): string[] => {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength)
  const types: string[] = []
  for (let at = 8; at + 8 <= png.length; at += 12 + view.getUint32(at)) types.push(String.fromCharCode(...png.subarray(at + 4, at + 8)))
  return types
}

async function decodedBySharp(png: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await sharp!(png).ensureAlpha().raw().toBuffer())
}

describe('PNG writer: lossless in whatever colour type it picks', () => {
  it('decode(encode(x)) == x for opaque, grey, few-colour and translucent images, any level, interlaced or not (property)', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryImage, fc.integer({ min: 0, max: 9 }), fc.boolean(), async ({ image }, level, interlace) => {
        const png = await encodePng(image, { level, interlace })
        expect(ihdr(png).interlaced).toBe(interlace)
        const back = await pngCodec.decode(png)
        expect(back.image.width).toBe(image.width)
        expect(Array.from(back.image.data)).toEqual(Array.from(image.data))
      }),
      { numRuns: 150 },
    )
  })

  it.skipIf(!sharp)('sharp (libspng) decodes every file to the same pixels (property)', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryImage, fc.boolean(), async ({ image }, interlace) => {
        const png = await encodePng(image, { level: 6, interlace })
        expect(Array.from(await decodedBySharp(png))).toEqual(Array.from(image.data))
      }),
      { numRuns: 100 },
    )
  })
})

describe('PNG writer: colour type', () => {
  const noise = Uint8Array.from({ length: 997 }, (_, i) => (i * 7919 + 13) % 251)
  const written = async (kind: Parameters<typeof imageOf>[0], size = 64) => {
    const png = await pngCodec.encode(imageOf(kind, size, size, noise))
    return { ...ihdr(png), chunks: chunkTypes(png) }
  }

  it('opaque images drop the alpha channel (RGB), translucent ones keep it (RGBA)', async () => {
    expect(await written('opaque')).toMatchObject({ colourType: 2, bitDepth: 8 })
    expect(await written('noise')).toMatchObject({ colourType: 6, bitDepth: 8 })
  })

  it('grey images are written grey, at the fewest bits that hold every value exactly', async () => {
    expect(await written('grey')).toMatchObject({ colourType: 0, bitDepth: 8 })
    expect(await written('bilevel')).toMatchObject({ colourType: 0, bitDepth: 1 })
    expect(await written('grey-16-levels')).toMatchObject({ colourType: 0, bitDepth: 4 })
    expect(await written('grey-alpha')).toMatchObject({ colourType: 4, bitDepth: 8 })
  })

  it('at most 256 colours: a palette, with tRNS only when a colour is translucent', async () => {
    const opaque = await written('few-colours', 128)
    expect(opaque).toMatchObject({ colourType: 3 })
    expect(opaque.chunks).toEqual(['IHDR', 'PLTE', 'IDAT', 'IEND'])
    const translucent = await written('few-colours-alpha', 128)
    expect(translucent).toMatchObject({ colourType: 3 })
    expect(translucent.chunks).toEqual(['IHDR', 'PLTE', 'tRNS', 'IDAT', 'IEND'])
  })

  it('the colour-type policy: smallest bits a pixel, grey before an equally small palette, both tried on small images', () => {
    const analysis = (over: Partial<PixelAnalysis>): PixelAnalysis => ({ opaque: true, grey: false, greyDepth: 8, colours: 257, palette: new Uint8Array(), ...over })
    expect(pngTargets(analysis({}), 100)).toEqual([{ colourType: 2, bitDepth: 8 }])
    expect(pngTargets(analysis({ opaque: false }), 100)).toEqual([{ colourType: 6, bitDepth: 8 }])
    expect(pngTargets(analysis({ grey: true, greyDepth: 2, colours: 3 }), 100)).toEqual([{ colourType: 0, bitDepth: 2 }])
    expect(pngTargets(analysis({ grey: true, colours: 200 }), 100)).toEqual([{ colourType: 0, bitDepth: 8 }])
    expect(pngTargets(analysis({ grey: true, opaque: false, colours: 40 }), 100)).toEqual([{ colourType: 3, bitDepth: 8 }, { colourType: 4, bitDepth: 8 }])
    expect(pngTargets(analysis({ colours: 5 }), 100)).toEqual([{ colourType: 3, bitDepth: 4 }, { colourType: 2, bitDepth: 8 }])
    expect(pngTargets(analysis({ colours: 2 }), 1024 * 1024)).toEqual([{ colourType: 3, bitDepth: 1 }])
  })
})

describe.skipIf(!sharp)('PNG writer: size against sharp (level 6), filter 0 or adaptive', () => {
  const raw = (image: RawImage) => ({ raw: { width: image.width, height: image.height, channels: 4 as const } })
  /** the smaller of sharp's default (filter 0, what wins on drawings) and its adaptive filtering (what wins on photos) */
  const sharpBest = async (image: RawImage) =>
    Math.min(...(await Promise.all([{}, { adaptiveFiltering: true }].map(async (options) => (await sharp!(image.data, raw(image)).png(options).toBuffer()).length))))
  const sharpPixels = async (bytes: Uint8Array, width?: number): Promise<RawImage> => {
    const { data, info } = await sharp!(bytes).resize(width ? { width, kernel: 'lanczos3' } : undefined).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
    return { width: info.width, height: info.height, data: new Uint8ClampedArray(data) }
  }

  const cases: Array<[string, () => RawImage | Promise<RawImage>]> = [
    ['a flat drawing with transparency', () => drawing(320, 240)],
    ['a smooth gradient', () => imageOf('gradient', 300, 200, Uint8Array.of(1))],
    // issue 13's cases: the benchmark PNG's 320-wide thumbnail (filter 0 wins) and the OSS manual's photo (adaptive wins)
    ...(hasCorpus
      ? ([
          ['the 2048x1536 benchmark PNG at 320 wide', () => sharpPixels(readFileSync(`${corpus}bench/sharp-alpha-premultiply-2048x1536-paper.png`), 320)],
          ['the OSS manual\'s 400x267 photo', () => sharpPixels(readFileSync(`${corpus}oss/aliyunpy-example.jpg`))],
        ] satisfies typeof cases)
      : []),
  ]
  it.each(cases)('%s: no more than 5%% larger than the better of the two', async (_, make) => {
    const image = await make()
    expect((await pngCodec.encode(image)).length).toBeLessThanOrEqual((await sharpBest(image)) * 1.05)
  })
})

/** Strokes of a few colours with soft edges on a transparent canvas (more than 256 colours: written RGBA). */
function drawing(width: number, height: number): RawImage {
  const data = new Uint8ClampedArray(width * height * 4)
  const colours = [[230, 120, 40], [60, 60, 60], [40, 150, 170]]
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let k = 0; k < colours.length; k++) {
        const centre = (k + 1) * (width / 4) + 20 * Math.sin((y + k * 30) / 17)
        const distance = Math.abs(x - centre)
        if (distance < 4) data.set([...colours[k]!, Math.round(255 * (1 - distance / 4))], (y * width + x) * 4)
      }
    }
  }
  return { width, height, data }
}
