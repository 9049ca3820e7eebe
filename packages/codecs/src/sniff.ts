/** Format detection from magic bytes only — never from a file name or Content-Type. */
import type { ImageFormat } from '@imgproc/types'
import { hasAscii } from './bytes.js'

/** ISO-BMFF brands (ftyp major or compatible) that mean AVIF or HEIC. */
const AVIF_BRANDS = new Set(['avif', 'avis'])
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'])

function ftypFormat(bytes: Uint8Array): ImageFormat | null {
  if (!hasAscii(bytes, 4, 'ftyp') || bytes.length < 16) return null
  const size = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0
  const end = Math.min(bytes.length, Math.max(16, size))
  const brands: string[] = []
  for (let offset = 8; offset + 4 <= end; offset += 4) {
    if (offset === 12) continue // minor version, not a brand
    brands.push(String.fromCharCode(bytes[offset]!, bytes[offset + 1]!, bytes[offset + 2]!, bytes[offset + 3]!))
  }
  // AVIF first: an AVIF file often lists mif1 too, which alone would mean HEIF.
  if (brands.some((brand) => AVIF_BRANDS.has(brand))) return 'avif'
  if (brands.some((brand) => HEIC_BRANDS.has(brand))) return 'heic'
  return null
}

/** The format the bytes start like, or null when none we know. */
export function sniff(bytes: Uint8Array): ImageFormat | null {
  if (bytes.length < 3) return null
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg'
  if (bytes[0] === 0x89 && hasAscii(bytes, 1, 'PNG\r\n\x1a\n')) return 'png'
  if (hasAscii(bytes, 0, 'RIFF') && hasAscii(bytes, 8, 'WEBP')) return 'webp'
  if (hasAscii(bytes, 0, 'GIF87a') || hasAscii(bytes, 0, 'GIF89a')) return 'gif'
  if (hasAscii(bytes, 0, 'BM') && bytes.length >= 26) return 'bmp'
  if (hasAscii(bytes, 0, 'II*\0') || hasAscii(bytes, 0, 'MM\0*')) return 'tiff'
  return ftypFormat(bytes)
}
