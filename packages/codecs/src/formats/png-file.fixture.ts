/**
 * Test helper: PNG files of any colour type, bit depth and interlacing, around scanlines a test
 * makes up byte for byte (filter-type bytes included), so the decoder can be fed what no encoder
 * of ours writes; and the random images the encoder tests draw from.
 */
import fc from 'fast-check'
import { concatBytes, type RawImage } from '@imgproc/types'
import { zlibSync } from 'fflate'
import { pngChunk } from '../png.fixture.js'
import { ihdrBody } from './png-encode.js'

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)
const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }
/** Allowed bit depths per colour type (PNG spec, table 11.1). */
export const PNG_DEPTHS: Readonly<Record<number, readonly number[]>> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] }
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const

export interface PngLayoutSpec {
  width: number
  height: number
  colourType: number
  bitDepth: number
  interlaced: boolean
}

/** Bytes of image data (filter bytes included) the layout needs, pass by pass. */
export function imageDataLength({ width, height, colourType, bitDepth, interlaced }: PngLayoutSpec): number {
  const passes = interlaced ? ADAM7 : ([[0, 0, 1, 1]] as const)
  let total = 0
  for (const [x0, y0, dx, dy] of passes) {
    const w = width > x0 ? Math.ceil((width - x0) / dx) : 0
    const h = height > y0 ? Math.ceil((height - y0) / dy) : 0
    if (w && h) total += h * (1 + Math.ceil((w * CHANNELS[colourType]! * bitDepth) / 8))
  }
  return total
}

/** Starts of each scanline (its filter-type byte) in the image data. */
export function rowStarts(layout: PngLayoutSpec): number[] {
  const starts: number[] = []
  const passes = layout.interlaced ? ADAM7 : ([[0, 0, 1, 1]] as const)
  let at = 0
  for (const [x0, y0, dx, dy] of passes) {
    const w = layout.width > x0 ? Math.ceil((layout.width - x0) / dx) : 0
    const h = layout.height > y0 ? Math.ceil((layout.height - y0) / dy) : 0
    if (!w || !h) continue
    const bytes = 1 + Math.ceil((w * CHANNELS[layout.colourType]! * layout.bitDepth) / 8)
    for (let y = 0; y < h; y++, at += bytes) starts.push(at)
  }
  return starts
}

/** A PNG of `layout` whose IDAT is `zlib` (or the given image data compressed), with extra chunks before it. */
export function pngFile(layout: PngLayoutSpec, imageData: Uint8Array, extra: Array<[string, Uint8Array]> = [], zlib = zlibSync(imageData)): Uint8Array {
  return concatBytes([
    SIGNATURE,
    pngChunk('IHDR', ihdrBody(layout.width, layout.height, layout.bitDepth, layout.colourType, layout.interlaced)),
    ...extra.map(([type, body]) => pngChunk(type, body)),
    pngChunk('IDAT', zlib),
    pngChunk('IEND', new Uint8Array()),
  ])
}

/** The kinds of RGBA images the encoder must treat differently. */
export const IMAGE_KINDS = ['noise', 'opaque', 'grey', 'grey-alpha', 'bilevel', 'grey-16-levels', 'few-colours', 'few-colours-alpha', 'gradient'] as const
export type ImageKind = (typeof IMAGE_KINDS)[number]

/** A w x h RGBA image of `kind`, its pixels drawn from `noise` (repeated as needed). */
export function imageOf(kind: ImageKind, width: number, height: number, noise: Uint8Array): RawImage {
  const data = new Uint8ClampedArray(width * height * 4)
  const palette = Array.from({ length: 1 + (noise[0]! % 200) }, (_, i) => [noise[(i * 4) % noise.length]!, noise[(i * 4 + 1) % noise.length]!, noise[(i * 4 + 2) % noise.length]!, noise[(i * 4 + 3) % noise.length]!])
  for (let i = 0; i < width * height; i++) {
    const n = (k: number) => noise[(i * 4 + k) % noise.length]!
    const grey = n(0)
    const colour = palette[n(1) % palette.length]!
    const x = i % width
    const y = Math.floor(i / width)
    const pixel: Record<ImageKind, number[]> = {
      noise: [n(0), n(1), n(2), n(3)],
      opaque: [n(0), n(1), n(2), 255],
      grey: [grey, grey, grey, 255],
      'grey-alpha': [grey, grey, grey, n(3)],
      bilevel: grey & 1 ? [255, 255, 255, 255] : [0, 0, 0, 255],
      'grey-16-levels': [(grey % 16) * 17, (grey % 16) * 17, (grey % 16) * 17, 255],
      'few-colours': [colour[0]!, colour[1]!, colour[2]!, 255],
      'few-colours-alpha': colour,
      gradient: [(x * 255) / Math.max(1, width - 1), (y * 255) / Math.max(1, height - 1), (x + y) & 255, 255],
    }
    data.set(pixel[kind], i * 4)
  }
  return { width, height, data }
}

/** fast-check: an image of any kind, 1-40 x 1-30 pixels. */
export const arbitraryImage = fc
  .record({
    kind: fc.constantFrom(...IMAGE_KINDS),
    width: fc.integer({ min: 1, max: 40 }),
    height: fc.integer({ min: 1, max: 30 }),
    noise: fc.uint8Array({ minLength: 1, maxLength: 997 }),
  })
  .map(({ kind, width, height, noise }) => ({ kind, image: imageOf(kind, width, height, noise) }))
