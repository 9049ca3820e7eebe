/**
 * EXIF fields for OSS's `image/info` (spec 2.15), read from headers only. JPEG (APP1), WebP
 * (EXIF chunk) and TIFF (its own IFD0) carry EXIF; PNG returns none, as OSS documents
 * ("PNG never returns EXIF"); GIF/BMP have none; AVIF/HEIC EXIF items are not read (UNCONFIRMED
 * whether OSS prints them).
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
    const { exif, jfif } = probeJpeg(bytes)
    const fields = exif ? parseExif(exif).fields : {}
    // OSS prints ResolutionUnit/XResolution/YResolution even for EXIF-less JPEGs (spec 2.15: "1", "1/1",
    // "1/1" for example.jpg's aspect-only JFIF density): EXIF unit = JFIF unit + 1.
    if (jfif && fields.XResolution === undefined) {
      fields.ResolutionUnit = String(jfif.units + 1)
      fields.XResolution = `${jfif.x}/1`
      fields.YResolution = `${jfif.y}/1`
    }
    return fields
  }
  if (format === 'webp') {
    const { exif } = probeWebp(bytes)
    return exif ? parseExif(exif).fields : {}
  }
  if (format === 'tiff') return parseExif(bytes).fields
  return {}
}
