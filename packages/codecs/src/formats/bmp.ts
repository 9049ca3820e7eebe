/**
 * BMP, our own code (bmp-js needs Node's Buffer): decodes 1/4/8-bit palette, 16/24/32-bit
 * RGB and BI_BITFIELDS (with alpha mask); RLE-compressed BMPs are NotImplemented. Encodes 24-bit
 * when fully opaque, else 32-bit BGRA with a BITMAPV4 header carrying the alpha mask.
 */
import { ImgError, type Codec, type DecodedImage, type RawImage } from '@imgproc/types'
import { damaged, hasAscii } from '../bytes.js'
import { checkDecodeLimits } from '../limits.js'
import { probeBmp, type BmpHeader } from '../probe/bmp.js'
import { checkRawImage } from './common.js'

function maskShift(mask: number): { shift: number; max: number } {
  if (mask === 0) return { shift: 0, max: 0 }
  let shift = 0
  while (((mask >>> shift) & 1) === 0) shift++
  return { shift, max: mask >>> shift }
}

function decodeBmp(bytes: Uint8Array, header: BmpHeader): RawImage {
  const { width, height, bitsPerPixel: bpp, compression, pixelOffset, topDown, masks } = header
  if (compression !== 0 && compression !== 3 && compression !== 6) {
    throw new ImgError('NotImplemented', `BMP compression ${compression} (RLE or embedded JPEG/PNG) is not supported.`)
  }
  const rowBytes = Math.ceil((width * bpp) / 32) * 4
  if (pixelOffset + rowBytes * height > bytes.length) throw damaged('BMP', 'pixel data ends early')
  const paletteAt = 14 + header.headerSize + (header.headerSize === 40 ? (compression === 3 ? 12 : compression === 6 ? 16 : 0) : 0)
  const entry = header.headerSize === 12 ? 3 : 4
  const data = new Uint8ClampedArray(width * height * 4)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const channel = masks.map(maskShift)
  const [r, g, b, a] = channel as [ReturnType<typeof maskShift>, ReturnType<typeof maskShift>, ReturnType<typeof maskShift>, ReturnType<typeof maskShift>]
  for (let y = 0; y < height; y++) {
    const src = pixelOffset + (topDown ? y : height - 1 - y) * rowBytes
    let o = y * width * 4
    for (let x = 0; x < width; x++, o += 4) {
      if (bpp <= 8) {
        const bit = x * bpp
        const index = (bytes[src + (bit >> 3)]! >> (8 - bpp - (bit & 7))) & ((1 << bpp) - 1)
        const p = paletteAt + Math.min(index, header.paletteSize - 1) * entry
        if (p + 3 > bytes.length) throw damaged('BMP', 'palette ends early')
        data[o] = bytes[p + 2]!
        data[o + 1] = bytes[p + 1]!
        data[o + 2] = bytes[p]!
        data[o + 3] = 255
      } else if (bpp === 24) {
        const p = src + x * 3
        data[o] = bytes[p + 2]!
        data[o + 1] = bytes[p + 1]!
        data[o + 2] = bytes[p]!
        data[o + 3] = 255
      } else {
        const value = bpp === 16 ? view.getUint16(src + x * 2, true) : view.getUint32(src + x * 4, true)
        data[o] = r.max ? Math.round((((value & masks[0]) >>> r.shift) * 255) / r.max) : 0
        data[o + 1] = g.max ? Math.round((((value & masks[1]) >>> g.shift) * 255) / g.max) : 0
        data[o + 2] = b.max ? Math.round((((value & masks[2]) >>> b.shift) * 255) / b.max) : 0
        data[o + 3] = a.max ? Math.round((((value & masks[3]) >>> a.shift) * 255) / a.max) : 255
      }
    }
  }
  return { width, height, data }
}

function encodeBmp(image: RawImage): Uint8Array {
  const { width, height, data } = image
  let opaque = true
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 255) { opaque = false; break }
  const bpp = opaque ? 24 : 32
  const headerSize = opaque ? 40 : 108
  const rowBytes = Math.ceil((width * bpp) / 32) * 4
  const pixelOffset = 14 + headerSize
  const out = new Uint8Array(pixelOffset + rowBytes * height)
  const view = new DataView(out.buffer)
  out[0] = 0x42
  out[1] = 0x4d
  view.setUint32(2, out.length, true)
  view.setUint32(10, pixelOffset, true)
  view.setUint32(14, headerSize, true)
  view.setInt32(18, width, true)
  view.setInt32(22, height, true) // bottom-up, the form every reader accepts
  view.setUint16(26, 1, true)
  view.setUint16(28, bpp, true)
  view.setUint32(30, opaque ? 0 : 3, true)
  view.setUint32(34, rowBytes * height, true)
  view.setUint32(38, 2835, true) // 72 dpi
  view.setUint32(42, 2835, true)
  if (!opaque) {
    view.setUint32(54, 0x00ff0000, true)
    view.setUint32(58, 0x0000ff00, true)
    view.setUint32(62, 0x000000ff, true)
    view.setUint32(66, 0xff000000, true)
    view.setUint32(70, 0x73524742, true) // 'sRGB'
  }
  for (let y = 0; y < height; y++) {
    let o = pixelOffset + (height - 1 - y) * rowBytes
    let s = y * width * 4
    for (let x = 0; x < width; x++, s += 4) {
      out[o++] = data[s + 2]!
      out[o++] = data[s + 1]!
      out[o++] = data[s]!
      if (!opaque) out[o++] = data[s + 3]!
    }
  }
  return out
}

export const bmpCodec: Codec = {
  format: 'bmp',
  mimeType: 'image/bmp',
  extensions: ['bmp', 'dib'],
  canDecode: true,
  canEncode: true,
  sniff: (bytes) => hasAscii(bytes, 0, 'BM') && bytes.length >= 26,
  probe: (bytes) => {
    const { pixelOffset: _p, headerSize: _h, bitsPerPixel: _b, compression: _c, topDown: _t, paletteSize: _s, masks: _m, ...result } = probeBmp(bytes)
    return result
  },
  async decode(bytes, options = {}): Promise<DecodedImage> {
    const header = probeBmp(bytes)
    checkDecodeLimits(header, options.limits)
    return { format: 'bmp', image: decodeBmp(bytes, header), orientation: 1 }
  },
  async encode(image) {
    checkRawImage(image, 'BMP')
    return encodeBmp(image)
  },
}
