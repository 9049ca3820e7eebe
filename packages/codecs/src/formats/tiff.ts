/**
 * TIFF through UTIF (utif2, Photopea's decoder: uncompressed, LZW, PackBits, Deflate, JPEG, CCITT;
 * 1-32 bit; RGB, grey, palette, CMYK converted naively). The first page is decoded; the size and
 * orientation come from the first IFD before any strip is decompressed. Encodes uncompressed RGBA.
 */
import { type Codec, type DecodedImage, type ProbeResult } from '@imgproc/types'
// UTIF is CommonJS (module.exports = UTIF): the default import is the object in Node and bundlers
import UTIF from 'utif2'
import { damaged, hasAscii } from '../bytes.js'
import { applyIccProfile } from '../icc/to-srgb.js'
import { checkDecodeLimits } from '../limits.js'
import { checkTiffStructure } from '../probe/tiff-guard.js'
import { checkRawImage, decodeFailure, encodeFailure } from './common.js'

type Ifd = UTIF.IFD

function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? (bytes.buffer as ArrayBuffer)
    : (bytes.slice().buffer as ArrayBuffer)
}

function firstNumber(value: unknown, fallback: number): number {
  return Array.isArray(value) && typeof value[0] === 'number' ? value[0] : fallback
}

function readIfds(bytes: Uint8Array): { ifds: Ifd[]; buffer: ArrayBuffer } {
  checkTiffStructure(bytes)
  const buffer = arrayBufferOf(bytes)
  let ifds: Ifd[]
  try {
    ifds = UTIF.decode(buffer)
  } catch (cause) {
    throw damaged('TIFF', 'the directory (IFD) cannot be read', cause)
  }
  if (!ifds.length) throw damaged('TIFF', 'no image directory')
  return { ifds, buffer }
}

/** Every strip or tile must lie inside the file (UTIF would read past the end silently). */
function checkStrips(ifd: Ifd, length: number): void {
  const offsets = (ifd.t273 ?? ifd.t324) as unknown
  const counts = (ifd.t279 ?? ifd.t325) as unknown
  if (!Array.isArray(offsets) || !Array.isArray(counts) || offsets.length !== counts.length) {
    throw damaged('TIFF', 'strip or tile offsets are missing')
  }
  for (let i = 0; i < offsets.length; i++) {
    if (Number(offsets[i]) + Number(counts[i]) > length) throw damaged('TIFF', `strip ${i} runs past the end of the file`)
  }
}

function probeTiff(bytes: Uint8Array): ProbeResult & { ifd: Ifd; buffer: ArrayBuffer } {
  const { ifds, buffer } = readIfds(bytes)
  const ifd = ifds[0]!
  const width = firstNumber(ifd.t256, 0)
  const height = firstNumber(ifd.t257, 0)
  if (width <= 0 || height <= 0) throw damaged('TIFF', `the first IFD declares ${width}x${height}`)
  checkStrips(ifd, bytes.length)
  const samples = firstNumber(ifd.t277, 1)
  const photometric = firstNumber(ifd.t262, 2)
  const extra = Array.isArray(ifd.t338) && ifd.t338.length > 0
  const orientation = firstNumber(ifd.t274, 1)
  return {
    format: 'tiff',
    width,
    height,
    frames: 1,
    orientation: orientation >= 1 && orientation <= 8 ? orientation : 1,
    colorType: photometric === 3 ? 'palette' : photometric === 5 ? 'cmyk' : samples <= 2 ? (extra ? 'grey-alpha' : 'grey') : extra ? 'rgba' : 'rgb',
    bitDepth: firstNumber(ifd.t258, 1),
    hasAlpha: extra,
    hasIcc: ifd.t34675 !== undefined,
    progressive: false,
    ifd,
    buffer,
  }
}

/** Tag 34675 (InterColorProfile): the embedded ICC profile, as UTIF hands it over (bytes or numbers). */
function tiffIccProfile(ifd: Ifd): Uint8Array | undefined {
  const value = ifd.t34675 as unknown
  if (value instanceof Uint8Array) return value
  return Array.isArray(value) && value.every((n) => typeof n === 'number') ? Uint8Array.from(value as number[]) : undefined
}

export const tiffCodec: Codec = {
  format: 'tiff',
  mimeType: 'image/tiff',
  extensions: ['tif', 'tiff'],
  canDecode: true,
  canEncode: true,
  sniff: (bytes) => hasAscii(bytes, 0, 'II*\0') || hasAscii(bytes, 0, 'MM\0*'),
  probe: (bytes) => {
    const { ifd: _i, buffer: _b, ...result } = probeTiff(bytes)
    return result
  },
  async decode(bytes, options = {}): Promise<DecodedImage> {
    const header = probeTiff(bytes)
    checkDecodeLimits(header, options.limits)
    let rgba: Uint8Array
    try {
      UTIF.decodeImage(header.buffer, header.ifd)
      rgba = UTIF.toRGBA8(header.ifd)
    } catch (cause) {
      throw decodeFailure('TIFF', cause)
    }
    const { width, height } = header
    if (rgba.length !== width * height * 4) throw decodeFailure('TIFF', `got ${rgba.length} bytes for ${width}x${height}`)
    const data = new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.byteLength)
    const profile = options.ignoreIcc ? undefined : tiffIccProfile(header.ifd)
    return { format: 'tiff', image: applyIccProfile({ width, height, data }, profile, header.colorType), orientation: header.orientation }
  },
  async encode(image) {
    checkRawImage(image, 'TIFF')
    try {
      const { data } = image
      return new Uint8Array(UTIF.encodeImage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), image.width, image.height))
    } catch (cause) {
      throw encodeFailure('TIFF', cause)
    }
  },
}
