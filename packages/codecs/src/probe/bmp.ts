/** BMP header probe: file header + DIB header (core, info, v4, v5). */
import type { ProbeResult } from '@imgproc/types'
import { ByteReader, damaged } from '../bytes.js'

export interface BmpHeader extends ProbeResult {
  pixelOffset: number
  headerSize: number
  bitsPerPixel: number
  compression: number
  topDown: boolean
  paletteSize: number
  /** channel masks for 16/32-bit BI_BITFIELDS (or the implied defaults) */
  masks: [number, number, number, number]
}

export function probeBmp(bytes: Uint8Array): BmpHeader {
  const reader = new ByteReader(bytes, 'BMP', true)
  const pixelOffset = reader.u32(10)
  const headerSize = reader.u32(14)
  let width: number
  let height: number
  let bitsPerPixel: number
  let compression = 0
  let paletteSize = 0
  if (headerSize === 12) {
    width = reader.u16(18)
    height = reader.u16(20)
    bitsPerPixel = reader.u16(24)
  } else if (headerSize >= 40) {
    width = reader.i32(18)
    height = reader.i32(22)
    bitsPerPixel = reader.u16(28)
    compression = reader.u32(30)
    paletteSize = reader.u32(46)
  } else throw damaged('BMP', `DIB header size ${headerSize}`)
  const topDown = height < 0
  height = Math.abs(height)
  if (width <= 0 || height <= 0) throw damaged('BMP', `the header declares ${width}x${height}`)
  if (![1, 4, 8, 16, 24, 32].includes(bitsPerPixel)) throw damaged('BMP', `${bitsPerPixel} bits per pixel`)
  if (bitsPerPixel <= 8 && paletteSize === 0) paletteSize = 1 << bitsPerPixel
  let masks: [number, number, number, number] =
    bitsPerPixel === 16 ? [0x7c00, 0x03e0, 0x001f, 0] : [0x00ff0000, 0x0000ff00, 0x000000ff, 0]
  if (compression === 3 || compression === 6) {
    const at = headerSize >= 52 ? 54 : 14 + headerSize
    masks = [reader.u32(at), reader.u32(at + 4), reader.u32(at + 8), headerSize >= 56 || compression === 6 ? reader.u32(at + 12) : 0]
  }
  return {
    format: 'bmp',
    width,
    height,
    frames: 1,
    orientation: 1,
    colorType: bitsPerPixel <= 8 ? 'palette' : masks[3] ? 'rgba' : 'rgb',
    bitDepth: bitsPerPixel <= 8 ? bitsPerPixel : 8,
    hasAlpha: masks[3] !== 0,
    hasIcc: headerSize >= 124 && reader.u32(14 + 56) === 0x4d424544, // 'MBED' embedded profile
    progressive: false,
    pixelOffset,
    headerSize,
    bitsPerPixel,
    compression,
    topDown,
    paletteSize,
    masks,
  }
}
