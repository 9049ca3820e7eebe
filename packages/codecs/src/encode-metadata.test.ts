/**
 * What every encoder writes besides pixels: no EXIF, no XMP, no ICC profile, nothing that asks a
 * viewer to turn the image (the engine README's metadata policy). Checked with scanMetadata, a
 * walker written apart from the codecs' probes, which is itself checked on files that do carry
 * metadata (made here, and from the shared corpus when present).
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import type { EncodeOptions, ImageFormat, RawImage } from '@imgproc/types'
import { encode } from './index.js'
import { initNode } from './node.js'
import { embedInJpeg, exifBlock, gradient, P3_COLORANTS, rgbProfile, scanMetadata, short, withExifApp1 } from './testing.js'

beforeAll(() => initNode())

const still = gradient(24, 16)
const alpha = gradient(24, 16, true)
const frames = [0, 1, 2].map((k): { image: RawImage; delayMs: number } => ({ image: gradient(24, 16, k === 1), delayMs: 100 }))

const cases: Array<[string, ImageFormat, RawImage, EncodeOptions?]> = [
  ['JPEG (libjpeg-turbo)', 'jpeg', still],
  ['JPEG progressive', 'jpeg', still, { progressive: true }],
  ['JPEG optimize (mozjpeg)', 'jpeg', still, { optimize: true }],
  ['PNG (squoosh)', 'png', alpha],
  ['PNG (own writer, interlaced)', 'png', still, { compressionLevel: 9, progressive: true }],
  ['WebP lossy', 'webp', still],
  ['WebP with alpha', 'webp', alpha],
  ['WebP lossless', 'webp', alpha, { lossless: true }],
  ['WebP animated', 'webp', still, { frames, loop: 0 }],
  ['AVIF', 'avif', alpha],
  ['TIFF', 'tiff', alpha],
  ['GIF', 'gif', still],
  ['GIF animated', 'gif', still, { frames, loop: 0 }],
  ['BMP 24-bit', 'bmp', still],
  ['BMP 32-bit (V4 header)', 'bmp', alpha],
]

describe('encoders write no metadata', () => {
  it.each(cases)('%s: no EXIF, XMP, ICC or orientation', async (_name, format, image, options) => {
    const found = scanMetadata(await encode(image, format, options ?? {}))
    expect(found).toMatchObject({ exif: false, xmp: false, icc: false, rotates: false })
    expect(found.orientation).toBeUndefined()
  })

  it('JPEG output holds JFIF APP0 and no other application segment', async () => {
    const { parts } = scanMetadata(await encode(still, 'jpeg'))
    expect(parts.filter((p) => p.startsWith('APP'))).toEqual(['APP0 JFIF'])
  })
})

describe('scanMetadata finds metadata where there is some', () => {
  it('in a JPEG made with an EXIF APP1 (Orientation 6) and an ICC APP2', async () => {
    const exif = exifBlock({ ifd0: [short(0x0112, 6)] })
    const jpeg = embedInJpeg(withExifApp1(await encode(still, 'jpeg'), exif), rgbProfile('P3', P3_COLORANTS))
    expect(scanMetadata(jpeg)).toMatchObject({ exif: true, orientation: 6, rotates: true, icc: true, xmp: false })
  })

  const corpus = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url))
  const hasCorpus = existsSync(`${corpus}MANIFEST.tsv`)
  if (!hasCorpus) console.warn(`scanMetadata corpus controls skipped: ${corpus} is absent`)
  it.skipIf(!hasCorpus).each([
    ['jpeg/vips-sample.jpg', { exif: true, orientation: 1, rotates: false, icc: true, xmp: true }],
    ['png/imgproxy-orientation-6.png', { exif: true, orientation: 6, rotates: true }],
    ['png/sharp-p3.png', { icc: true, exif: false }],
    ['webp/pillow-flower2.webp', { icc: true, exif: true, xmp: true }],
    ['webp/pillow-hopper_orientation_6.webp', { exif: true, orientation: 6 }],
    ['avif/sharp-pitm.avif', { exif: true }],
  ])('in the corpus file %s', (path, expected) => {
    expect(scanMetadata(new Uint8Array(readFileSync(corpus + path)))).toMatchObject(expected)
  })
})
