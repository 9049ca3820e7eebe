/** PNG header probe: IHDR plus a walk over chunk headers (no inflate, no CRC checks). */
import type { ColorType, ProbeResult } from '@imgproc/types'
import { ByteReader, damaged } from '../bytes.js'
import { parseExif } from '../exif.js'

export interface PngHeader extends ProbeResult {
  interlaced: boolean
  /** raw colour type from IHDR (0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA) */
  pngColorType: number
  hasTransparency: boolean
  exif?: Uint8Array
  /** the iCCP chunk's body (profile name, compression method, zlib data), undecompressed */
  iccp?: Uint8Array
}

const COLOR_TYPES: Readonly<Record<number, ColorType>> = { 0: 'grey', 2: 'rgb', 3: 'palette', 4: 'grey-alpha', 6: 'rgba' }
const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }
const MAX_CHUNKS = 100_000
/**
 * Deflate expands at most about 1032:1 (a 258-byte match per 2-bit code, RFC 1951); with margin.
 * Image data smaller than its pixels / this cannot hold them: the file is truncated or lies about
 * its size, and is refused before a pixel buffer the size of the declared canvas is allocated.
 */
const MAX_INFLATE_RATIO = 1100

export function probePng(bytes: Uint8Array): PngHeader {
  const reader = new ByteReader(bytes, 'PNG')
  if (reader.ascii(12, 4) !== 'IHDR') throw damaged('PNG', 'the first chunk is not IHDR')
  const width = reader.u32(16)
  const height = reader.u32(20)
  const bitDepth = reader.u8(24)
  const pngColorType = reader.u8(25)
  const colorType = COLOR_TYPES[pngColorType]
  if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff) {
    throw damaged('PNG', `IHDR declares ${width}x${height}`)
  }
  if (!colorType || ![1, 2, 4, 8, 16].includes(bitDepth)) {
    throw damaged('PNG', `IHDR colour type ${pngColorType} with bit depth ${bitDepth}`)
  }
  let frames = 1
  let iccp: Uint8Array | undefined
  let hasTransparency = false
  let exif: Uint8Array | undefined
  let offset = 8
  let imageData = 0
  for (let i = 0; i < MAX_CHUNKS && offset + 8 <= bytes.length; i++) {
    const length = reader.u32(offset)
    const type = reader.ascii(offset + 4, 4)
    const body = offset + 8
    if (type === 'IEND') break
    if (type === 'IDAT') imageData += Math.max(0, Math.min(length, bytes.length - body))
    if (type === 'acTL' && body + 4 <= bytes.length) frames = Math.max(1, reader.u32(body))
    else if (type === 'iCCP' && !iccp && body + length <= bytes.length) iccp = reader.sub(body, length)
    else if (type === 'tRNS') hasTransparency = true
    else if (type === 'eXIf' && body + length <= bytes.length) exif = reader.sub(body, length)
    offset = body + length + 4
  }
  const pixelBytes = height * Math.ceil((width * CHANNELS[pngColorType]! * bitDepth) / 8)
  if (frames === 1 && imageData * MAX_INFLATE_RATIO < pixelBytes) {
    throw damaged('PNG', `its ${imageData} bytes of image data cannot hold ${width}x${height} pixels`)
  }
  return {
    format: 'png',
    width,
    height,
    frames,
    orientation: exif ? parseExif(exif).orientation : 1,
    colorType,
    bitDepth,
    hasAlpha: pngColorType === 4 || pngColorType === 6 || hasTransparency,
    hasIcc: iccp !== undefined,
    progressive: reader.u8(28) === 1,
    interlaced: reader.u8(28) === 1,
    pngColorType,
    hasTransparency,
    ...(iccp ? { iccp } : {}),
    ...(exif ? { exif } : {}),
  }
}
