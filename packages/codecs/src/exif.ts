/**
 * A small EXIF reader: walks IFD0, the Exif and GPS sub-IFDs and IFD1 (the thumbnail IFD) of a
 * TIFF-structured EXIF block and prints each known tag the way OSS's `image/info` does (spec 2.15).
 * Bounded: at most MAX_ENTRIES entries per IFD and no IFD visited twice, so a hostile block cannot
 * loop or blow up.
 * Chosen over exifr because we need OSS's exact string forms, not parsed JS values.
 */
import type { ExifFields } from '@imgproc/types'
import { ByteReader, hasAscii } from './bytes.js'
import { EXIF_TAGS, GPS_TAGS, IFD0_TAGS, IFD1_TAGS } from './exif-tags.js'

const MAX_ENTRIES = 512
/** bytes per component of each TIFF field type */
const TYPE_SIZE: Readonly<Record<number, number>> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8 }
const REF_WORDS: Readonly<Record<string, string>> = { N: 'North', S: 'South', E: 'East', W: 'West' }

export interface ExifData {
  /** 1-8; 1 when absent or invalid (0 and values above 8 are treated as 1) */
  orientation: number
  fields: ExifFields
}

/** Strips the `Exif\0\0` prefix some containers keep (JPEG APP1 always, WebP/PNG sometimes). */
export function tiffStart(block: Uint8Array): Uint8Array {
  return hasAscii(block, 0, 'Exif\0\0') ? block.subarray(6) : block
}

export interface ParseExifOptions {
  /**
   * Read IFD1 as EXIF's thumbnail IFD (default true). A TIFF file's IFD1 is its second page
   * instead, so readExif turns this off for TIFF sources.
   */
  thumbnailIfd?: boolean
}

/**
 * Parses a TIFF-structured EXIF block; never throws (a damaged block yields what was readable).
 * IFD1 adds only the thumbnail's Compression, JPEGInterchangeFormat and JPEGInterchangeFormatLength
 * (spec 2.15, f.jpg), never a value IFD0 already gave, and never the orientation.
 */
export function parseExif(block: Uint8Array, options: ParseExifOptions = {}): ExifData {
  const tiff = tiffStart(block)
  const fields: ExifFields = {}
  const result: ExifData = { orientation: 1, fields }
  if (tiff.length < 8) return result
  const littleEndian = hasAscii(tiff, 0, 'II')
  if (!littleEndian && !hasAscii(tiff, 0, 'MM')) return result
  const reader = new ByteReader(tiff, 'EXIF', littleEndian)
  const visited = new Set<number>()
  try {
    if (reader.u16(2) !== 42) return result
    const pointers = readIfd(reader, reader.u32(4), IFD0_TAGS, fields, visited)
    if (pointers.exif) readIfd(reader, pointers.exif, EXIF_TAGS, fields, visited)
    if (pointers.gps) readIfd(reader, pointers.gps, GPS_TAGS, fields, visited)
    if (pointers.next && options.thumbnailIfd !== false) readIfd(reader, pointers.next, IFD1_TAGS, fields, visited, false)
  } catch {
    // keep whatever was read before the damage
  }
  const orientation = Number(fields.Orientation)
  result.orientation = Number.isInteger(orientation) && orientation >= 1 && orientation <= 8 ? orientation : 1
  return result
}

function readIfd(
  reader: ByteReader,
  offset: number,
  names: Readonly<Record<number, string>>,
  fields: ExifFields,
  visited: Set<number>,
  overwrite = true,
): { exif?: number; gps?: number; next?: number } {
  const pointers: { exif?: number; gps?: number; next?: number } = {}
  if (visited.has(offset)) return pointers
  visited.add(offset)
  const stored = reader.u16(offset)
  const count = Math.min(stored, MAX_ENTRIES)
  for (let i = 0; i < count; i++) {
    const entry = offset + 2 + i * 12
    const tag = reader.u16(entry)
    const name = names[tag]
    if (!name || (!overwrite && fields[name] !== undefined)) continue
    const value = readValue(reader, entry, name)
    if (value === undefined) continue
    fields[name] = value
    if (tag === 0x8769) pointers.exif = Number(value)
    if (tag === 0x8825) pointers.gps = Number(value)
  }
  // the offset of the next IFD follows the entries (0 = none); a damaged one is ignored
  const nextAt = offset + 2 + stored * 12
  if (nextAt + 4 <= reader.length) pointers.next = reader.u32(nextAt) || undefined
  return pointers
}

function readValue(reader: ByteReader, entry: number, name: string): string | undefined {
  const type = reader.u16(entry + 2)
  const count = reader.u32(entry + 4)
  const size = TYPE_SIZE[type]
  if (!size || count === 0 || count > 65536) return undefined
  const total = size * count
  const at = total <= 4 ? entry + 8 : reader.u32(entry + 8)
  if (at + total > reader.length) return undefined
  if (type === 2) return asciiValue(reader, at, count, name)
  if (type === 7 || type === 1 || type === 6) {
    if (type === 7 && count > 4) return undefined // UNDEFINED blobs (MakerNote, UserComment) are not printed
    const values: number[] = []
    for (let i = 0; i < count; i++) values.push(reader.u8(at + i))
    // EXIF 'version' tags are four ASCII digits stored as UNDEFINED
    if (type === 7 && values.every((v) => v >= 0x30 && v <= 0x39)) return String.fromCharCode(...values)
    return values.join(' ')
  }
  const parts: string[] = []
  const rationals: Array<[number, number]> = []
  for (let i = 0; i < Math.min(count, 64); i++) {
    const p = at + i * size
    if (type === 3) parts.push(String(reader.u16(p)))
    else if (type === 8) parts.push(String((reader.u16(p) << 16) >> 16))
    else if (type === 4) parts.push(String(reader.u32(p)))
    else if (type === 9) parts.push(String(reader.i32(p)))
    else if (type === 5 || type === 10) {
      const n = type === 5 ? reader.u32(p) : reader.i32(p)
      const d = type === 5 ? reader.u32(p + 4) : reader.i32(p + 4)
      rationals.push([n, d])
      parts.push(`${n}/${d}`)
    } else return undefined
  }
  if (name === 'GPSLatitude' || name === 'GPSLongitude') return gpsCoordinate(rationals)
  return parts.join(', ')
}

function asciiValue(reader: ByteReader, at: number, count: number, name: string): string {
  let text = reader.ascii(at, count)
  const nul = text.indexOf('\0')
  if (nul >= 0) text = text.slice(0, nul)
  text = text.trimEnd()
  if (name.endsWith('Ref') && REF_WORDS[text]) return REF_WORDS[text]!
  return text
}

/**
 * OSS prints a zero coordinate as `"0deg "` (spec 2.15, f.jpg). UNCONFIRMED for other values:
 * we print non-zero minutes/seconds as `12deg 30' 15.5"` parts, each followed by a space.
 */
function gpsCoordinate(rationals: Array<[number, number]>): string {
  const [deg, min, sec] = rationals.map(([n, d]) => (d === 0 ? 0 : n / d))
  let text = `${formatNumber(deg ?? 0)}deg `
  if (min) text += `${formatNumber(min)}' `
  if (sec) text += `${formatNumber(sec)}" `
  return text
}

function formatNumber(value: number): string {
  return String(Math.round(value * 10000) / 10000)
}
