/**
 * The TIFF work done by UTIF (utif2, Photopea's decoder: uncompressed, LZW, PackBits, Deflate,
 * JPEG, CCITT; 1-32 bit; RGB, grey, palette, CMYK converted naively): the first page decoded to
 * RGBA, and RGBA encoded uncompressed. tiff.ts imports this module on the first TIFF decode or
 * encode, so UTIF and its pako stay out of bundles that never meet a TIFF.
 */
import type { DecodedImage, DecodeOptions, RawImage } from '@imgproc/types'
// UTIF is CommonJS (module.exports = UTIF): the default import is the object in Node and bundlers
import UTIF from 'utif2'
import { damaged } from '../bytes.js'
import { toSrgb } from '../icc/to-srgb-on-demand.js'
import { checkDecodeLimits } from '../limits.js'
import { checkTiffStructure } from '../probe/tiff-guard.js'
import { tiffHeader } from '../probe/tiff.js'
import { checkRawImage, decodeFailure, encodeFailure } from './common.js'

type Ifd = UTIF.IFD
/** UTIF.decode with its options argument, which its typings leave out. */
const decodeDirectories = UTIF.decode as unknown as (buffer: ArrayBuffer, options: { parseMN: boolean; debug: boolean }) => Ifd[]

function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? (bytes.buffer as ArrayBuffer)
    : (bytes.slice().buffer as ArrayBuffer)
}

/** UTIF's reading of the first directory; maker notes are not parsed (nothing here reads them). */
export function readTiffWithUtif(bytes: Uint8Array): { ifd: Ifd; buffer: ArrayBuffer } {
  checkTiffStructure(bytes)
  const buffer = arrayBufferOf(bytes)
  let ifds: Ifd[]
  try {
    ifds = decodeDirectories(buffer, { parseMN: false, debug: false })
  } catch (cause) {
    throw damaged('TIFF', 'the directory (IFD) cannot be read', cause)
  }
  if (!ifds.length) throw damaged('TIFF', 'no image directory')
  return { ifd: ifds[0]!, buffer }
}

/** Tag 34675 (InterColorProfile): the embedded ICC profile, as UTIF hands it over (bytes or numbers). */
function tiffIccProfile(ifd: Ifd): Uint8Array | undefined {
  const value = ifd.t34675 as unknown
  if (value instanceof Uint8Array) return value
  return Array.isArray(value) && value.every((n) => typeof n === 'number') ? Uint8Array.from(value as number[]) : undefined
}

export async function decodeTiff(bytes: Uint8Array, options: DecodeOptions): Promise<DecodedImage> {
  const { ifd, buffer } = readTiffWithUtif(bytes)
  const header = tiffHeader((n) => ifd[`t${n}`], bytes.length)
  checkDecodeLimits(header, options.limits)
  let rgba: Uint8Array
  try {
    UTIF.decodeImage(buffer, ifd)
    rgba = UTIF.toRGBA8(ifd)
  } catch (cause) {
    throw decodeFailure('TIFF', cause)
  }
  const { width, height } = header
  if (rgba.length !== width * height * 4) throw decodeFailure('TIFF', `got ${rgba.length} bytes for ${width}x${height}`)
  const data = new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.byteLength)
  const profile = options.ignoreIcc ? undefined : tiffIccProfile(ifd)
  return { format: 'tiff', image: await toSrgb({ width, height, data }, profile, header.colorType), orientation: header.orientation }
}

export function encodeTiff(image: RawImage): Uint8Array {
  checkRawImage(image, 'TIFF')
  try {
    const { data } = image
    return new Uint8Array(UTIF.encodeImage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), image.width, image.height))
  } catch (cause) {
    throw encodeFailure('TIFF', cause)
  }
}
