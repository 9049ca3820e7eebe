/**
 * What survives processing (engine README, "Choices where the spec is silent": outputs carry no
 * EXIF, XMP or ICC profile). The source is a JPEG made here with an EXIF APP1 (Orientation 6, a
 * thumbnail IFD) and a Display P3 ICC profile; every output is read with scanMetadata, a marker
 * and chunk walker written apart from the codecs, which also checks the source so that it is seen
 * to find what is there.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { decode, encode } from '@imgproc/codecs'
import { embedInJpeg, exifBlock, P3_COLORANTS, rgbProfile, scanMetadata, short, withExifApp1 } from '@imgproc/codecs/testing'
import type { ImageFormat } from '@imgproc/types'
import { createEngine } from './engine.js'
import type { ProcessResult } from './run.js'
import { generatedJpeg, gradient, setupCodecs } from './node-test-fixtures.js'

const engine = createEngine()
let source: Uint8Array

beforeAll(async () => {
  await setupCodecs()
  const exif = exifBlock({ ifd0: [short(0x0112, 6)], ifd1: [short(0x0103, 6)], thumbnail: await generatedJpeg(16, 12) })
  // stored 64x48, displayed 48x64 (orientation 6: turn 90 degrees clockwise)
  source = embedInJpeg(withExifApp1(await generatedJpeg(64, 48), exif), rgbProfile('Display P3', P3_COLORANTS))
})

function image(result: ProcessResult) {
  if (result.kind !== 'image') throw new Error('expected an image')
  return result
}

/** Nothing of the source's metadata, and nothing that asks a viewer to turn the pixels again. */
function expectBare(bytes: Uint8Array): void {
  const found = scanMetadata(bytes)
  expect(found).toMatchObject({ exif: false, rotates: false, icc: false, xmp: false })
  expect(found.orientation).toBeUndefined()
  if (bytes[0] === 0xff) expect(found.parts.filter((p) => p.startsWith('APP'))).toEqual(['APP0 JFIF'])
}

describe('the source carries EXIF Orientation 6 and an ICC profile', () => {
  it('as the walker sees it', () => {
    expect(scanMetadata(source)).toMatchObject({ exif: true, orientation: 6, rotates: true, icc: true })
  })
})

// `format,gif` of a JPEG keeps JPEG (spec 2.13)
const FORMATS: Array<[string, ImageFormat]> = [
  ['', 'jpeg'], ['/format,jpg', 'jpeg'], ['/format,png', 'png'], ['/format,webp', 'webp'], ['/format,bmp', 'bmp'],
  ['/format,tiff', 'tiff'], ['/format,avif', 'avif'], ['/format,gif', 'jpeg'],
]
const CHAINS: Array<[string, number, number]> = [
  ['auto-orient,1', 48, 64], // turned upright: an Orientation 6 kept would turn it a second time
  ['rotate,90', 48, 64], // OSS does not apply the orientation unasked; the stored pixels are turned
  ['resize,w_32', 32, 24], // neither: the output shows the stored orientation, and says nothing else
]

describe.each(CHAINS)('OSS image/%s', (chain, width, height) => {
  it.each(FORMATS)(`%s: no EXIF, orientation, XMP or ICC in the output`, async (format, expected) => {
    const out = image(await engine.process(source, `image/${chain}${format}`))
    expect({ format: out.format, width: out.width, height: out.height }).toEqual({ format: expected, width, height })
    expectBare(out.bytes)
  })
})

describe('OBS (auto-orient by default) and other sources', () => {
  it.each([['image/resize,w_24', 24, 32], ['image/rotate,90/format,webp', 64, 48], ['image/auto-orient,0/format,png', 64, 48]] as const)(
    'OBS %s: upright or as asked, and bare',
    async (chain, width, height) => {
      const out = image(await engine.process(source, chain, { dialect: 'obs' }))
      expect({ width: out.width, height: out.height }).toEqual({ width, height })
      expectBare(out.bytes)
    },
  )
  it('a GIF stays GIF and bare', async () => {
    const gif = await encode(gradient(40, 30), 'gif', {})
    const out = image(await engine.process(gif, 'image/resize,w_20/format,gif'))
    expect(out.format).toBe('gif')
    expectBare(out.bytes)
  })
})

describe('the pixels are sRGB, so an output without a profile shows the source colours', () => {
  it('format,png holds the colour-managed decode exactly, not the file numbers', async () => {
    const out = (await decode(image(await engine.process(source, 'image/format,png')).bytes)).image
    const managed = (await decode(source)).image
    const raw = (await decode(source, { ignoreIcc: true })).image
    expect(Array.from(out.data)).toEqual(Array.from(managed.data))
    expect(Array.from(out.data)).not.toEqual(Array.from(raw.data))
  })
  it('auto-orient,1 turns those pixels clockwise: stored (x, y) shows at (47 - y, x)', async () => {
    const out = (await decode(image(await engine.process(source, 'image/auto-orient,1/format,png')).bytes)).image
    const stored = (await decode(source)).image
    for (const [x, y] of [[0, 0], [63, 0], [10, 40], [63, 47]] as const) {
      const from = (y * 64 + x) * 4
      const to = (x * 48 + (47 - y)) * 4
      expect(Array.from(out.data.subarray(to, to + 4)), `${x},${y}`).toEqual(Array.from(stored.data.subarray(from, from + 4)))
    }
  })
})
