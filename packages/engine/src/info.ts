import type { ImageFormat } from '@imgproc/types'
import type { Dialect } from './types.js'

/** Everything `info` reports, read from headers only (no decode). */
export interface InfoFacts {
  format: ImageFormat
  width: number
  height: number
  frames: number
  byteLength: number
  /** EXIF tags as OSS prints them (`Orientation` -> "7", `XResolution` -> "96/1"), when present (EXIF only: no JFIF) */
  exif?: Record<string, string>
  /** resolution from JFIF (units 0 = aspect only, 1 = dpi, 2 = dpcm) when there is no EXIF resolution */
  density?: { units: number; x: number; y: number }
}

/** OSS spells formats as file extensions (`jpg`), OBS upper-case (`JPEG`) — spec 2.15, 9.2. */
const OSS_FORMAT: Record<ImageFormat, string> = {
  jpeg: 'jpg', png: 'png', webp: 'webp', gif: 'gif', bmp: 'bmp', tiff: 'tiff', avif: 'avif', heic: 'heic',
}

/**
 * OSS form (spec 2.15): `{"Key":{"value":"string"}}` with keys in ASCII order; FileSize, Format,
 * FrameCount, ImageHeight, ImageWidth always; ResolutionUnit/XResolution/YResolution from EXIF or,
 * failing that, from the JFIF density (JFIF units 0 -> EXIF ResolutionUnit 1, as the documented
 * example.jpg output shows); every other EXIF tag as the codecs report it (IFD0, the Exif and GPS
 * sub-IFDs, and the thumbnail IFD1's Compression, JPEGInterchangeFormat, JPEGInterchangeFormatLength).
 * ImageWidth/Height are the stored dimensions, not the oriented ones (spec: f.jpg example).
 */
export function ossInfo(facts: InfoFacts): Record<string, { value: string }> {
  const fields: Record<string, string> = { ...(facts.exif ?? {}) }
  if (facts.density && fields.XResolution === undefined) {
    fields.ResolutionUnit = String(facts.density.units === 0 ? 1 : facts.density.units + 1)
    fields.XResolution = `${facts.density.x}/1`
    fields.YResolution = `${facts.density.y}/1`
  }
  Object.assign(fields, {
    FileSize: String(facts.byteLength),
    Format: OSS_FORMAT[facts.format],
    FrameCount: String(facts.frames),
    ImageHeight: String(facts.height),
    ImageWidth: String(facts.width),
  })
  const sorted: Record<string, { value: string }> = {}
  for (const key of Object.keys(fields).sort()) sorted[key] = { value: fields[key]! }
  return sorted
}

/**
 * OBS form (spec 9.2): flat, lower-case keys, numbers as numbers, upper-case format, plus EXIF when
 * present — the EXIF tags (our choice, the form is undocumented) under the names and string values
 * OSS prints, after the four documented keys, in ASCII order. A JFIF density is not EXIF: not printed.
 */
export function obsInfo(facts: InfoFacts): Record<string, string | number> {
  const info: Record<string, string | number> = {
    format: facts.format.toUpperCase(),
    height: facts.height,
    size: facts.byteLength,
    width: facts.width,
  }
  const exif = facts.exif ?? {}
  for (const key of Object.keys(exif).sort()) info[key] = exif[key]!
  return info
}

export function infoJson(facts: InfoFacts, dialect: Dialect): Record<string, unknown> {
  return dialect === 'obs' ? obsInfo(facts) : ossInfo(facts)
}
