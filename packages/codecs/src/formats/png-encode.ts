/**
 * The PNG writer: the smallest lossless colour type the pixels allow, 8-bit samples or fewer.
 * Opaque images drop the alpha channel (RGB, colour type 2), grey ones are written as grey (0,
 * at 1, 2, 4 or 8 bits when every value fits exactly; 4 with alpha), images of at most 256
 * colours as a palette (3, with tRNS for the translucent entries) when that is smaller. Decoding
 * the file gives back exactly the RGBA8 pixels given. Filters and deflate: png-wasm.ts
 * (native/png/png_encode.c: filter 0 or per-row adaptive, whichever compresses smaller).
 */
import type { RawImage } from '@imgproc/types'
import { crc32 } from '../crc32.js'
import { pngWasm, type EncodedImageData, type PixelAnalysis, type PngTarget } from './png-wasm.js'

export interface PngWriteOptions {
  /** zlib level 0-9 (6: the zlib, libpng and sharp default) */
  level: number
  interlace: boolean
}

/** Up to this many pixels, a possible palette image is also encoded as truecolour, in case its PLTE costs more than it saves. */
const BOTH_WAYS_MAX_PIXELS = 512 * 512

const SAMPLES: Readonly<Record<PngTarget['colourType'], number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }
const bitsPerPixel = (target: PngTarget) => SAMPLES[target.colourType] * target.bitDepth

/** The colour types worth writing for these pixels, the likeliest smallest first. */
export function pngTargets(analysis: PixelAnalysis, pixels: number): PngTarget[] {
  const truecolour: PngTarget = analysis.grey
    ? analysis.opaque
      ? { colourType: 0, bitDepth: analysis.greyDepth as PngTarget['bitDepth'] }
      : { colourType: 4, bitDepth: 8 }
    : { colourType: analysis.opaque ? 2 : 6, bitDepth: 8 }
  if (analysis.colours > 256) return [truecolour]
  const n = analysis.colours
  const palette: PngTarget = { colourType: 3, bitDepth: n <= 2 ? 1 : n <= 4 ? 2 : n <= 16 ? 4 : 8 }
  // grey at no more bits a pixel needs no PLTE
  if (bitsPerPixel(palette) >= bitsPerPixel(truecolour)) return [truecolour]
  return pixels <= BOTH_WAYS_MAX_PIXELS ? [palette, truecolour] : [palette]
}

export async function encodePng(image: RawImage, options: PngWriteOptions): Promise<Uint8Array> {
  const level = Math.max(0, Math.min(9, Math.round(options.level)))
  let analysis: PixelAnalysis | undefined
  const encoded = (await pngWasm()).encode(image, level, options.interlace, (found) => {
    analysis = found
    return pngTargets(found, image.width * image.height)
  })
  const files = encoded.map((result) => assemble(chunksOf(image, result, analysis!, options.interlace)))
  return files.reduce((best, file) => (file.length < best.length ? file : best))
}

/** The body of an IHDR chunk (compression and filter method 0; Adam7 when `interlaced`). */
export function ihdrBody(width: number, height: number, bitDepth: number, colourType: number, interlaced: boolean): Uint8Array {
  const ihdr = new Uint8Array(13)
  const view = new DataView(ihdr.buffer)
  view.setUint32(0, width)
  view.setUint32(4, height)
  ihdr[8] = bitDepth
  ihdr[9] = colourType
  ihdr[12] = interlaced ? 1 : 0
  return ihdr
}

function chunksOf(image: RawImage, { target, zlib }: EncodedImageData, analysis: PixelAnalysis, interlace: boolean): Array<[string, Uint8Array]> {
  const chunks: Array<[string, Uint8Array]> = [['IHDR', ihdrBody(image.width, image.height, target.bitDepth, target.colourType, interlace)]]
  if (target.colourType === 3) {
    const entries = analysis.colours
    const plte = new Uint8Array(entries * 3)
    let translucent = 0
    for (let i = 0; i < entries; i++) {
      plte.set(analysis.palette.subarray(i * 4, i * 4 + 3), i * 3)
      if (analysis.palette[i * 4 + 3] !== 255) translucent = i + 1
    }
    chunks.push(['PLTE', plte])
    // the translucent entries come first, so tRNS stops at the last of them
    if (translucent) chunks.push(['tRNS', Uint8Array.from({ length: translucent }, (_, i) => analysis.palette[i * 4 + 3]!)])
  }
  chunks.push(['IDAT', zlib], ['IEND', new Uint8Array(0)])
  return chunks
}

function assemble(chunks: Array<[string, Uint8Array]>): Uint8Array {
  const size = 8 + chunks.reduce((sum, [, data]) => sum + 12 + data.length, 0)
  const out = new Uint8Array(size)
  out.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  const view = new DataView(out.buffer)
  let at = 8
  for (const [type, data] of chunks) {
    view.setUint32(at, data.length)
    for (let i = 0; i < 4; i++) out[at + 4 + i] = type.charCodeAt(i)
    out.set(data, at + 8)
    view.setUint32(at + 8 + data.length, crc32(out, at + 4, at + 8 + data.length))
    at += 12 + data.length
  }
  return out
}
