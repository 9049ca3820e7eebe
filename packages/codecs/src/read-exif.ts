/**
 * EXIF fields for OSS's `image/info` (spec 2.15), read from headers only. JPEG (APP1), WebP
 * (EXIF chunk) and TIFF (its own IFD0) carry EXIF; PNG returns none, as OSS documents
 * ("PNG never returns EXIF"); GIF/BMP have none; AVIF/HEIC EXIF items are not read (UNCONFIRMED
 * whether OSS prints them). EXIF only: a JPEG's JFIF density is not EXIF (OSS's info prints it
 * as resolution tags, the engine adds it there; OBS's does not).
 */
import type { ExifFields } from '@imgproc/types'
import { parseExif } from './exif.js'
import { probeJpeg } from './probe/jpeg.js'
import { probeWebp } from './probe/webp.js'
import { unsupportedFormat } from './registry.js'
import { sniff } from './sniff.js'

export function readExif(bytes: Uint8Array): ExifFields {
  const format = sniff(bytes)
  if (!format) throw unsupportedFormat()
  if (format === 'jpeg') {
    const { exif } = probeJpeg(bytes)
    return exif ? parseExif(exif).fields : {}
  }
  if (format === 'webp') {
    const { exif } = probeWebp(bytes)
    return exif ? parseExif(exif).fields : {}
  }
  // a TIFF file's IFD1 is its second page, not a thumbnail
  if (format === 'tiff') return parseExif(bytes, { thumbnailIfd: false }).fields
  return {}
}
