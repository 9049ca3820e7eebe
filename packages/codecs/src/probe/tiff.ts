/**
 * TIFF header probe without the decoder: the first image directory read the way UTIF reads it
 * (utif2's `_readIFD`: the same value types, the same inline/offset rule, the same directories
 * skipped), so that probing stays synchronous and UTIF (with pako, ~110 KB of script) is imported
 * only when a TIFF is decoded or encoded. formats/tiff-utif.ts derives the same header from UTIF's
 * own reading at decode time; probe/tiff.test.ts checks that the two agree.
 */
import type { ProbeResult } from '@imgproc/types'
import { ByteReader, damaged, hasAscii } from '../bytes.js'
import { checkTiffStructure } from './tiff-guard.js'

/** A tag's value as UTIF hands it over: numbers, [numerator, denominator] pairs, one string, or raw bytes. */
export type TiffValue = number[] | Array<[number, number]> | string[] | Uint8Array

/** The first directory's tags by number (UTIF's `t<number>` keys). */
export type TiffTags = ReadonlyMap<number, TiffValue>

function readValue(reader: ByteReader, entry: number, type: number, count: number): TiffValue {
  const { bytes } = reader
  const offset = reader.u32(entry + 8)
  const inline = entry + 8
  if (type === 1 || type === 7) {
    const at = count < 5 ? inline : offset
    return bytes.subarray(at, at + Math.min(count, Math.max(0, bytes.length - at)))
  }
  if (type === 2) {
    const at = count < 5 ? inline : offset
    const length = Math.max(0, Math.min(count - 1, bytes.length - at))
    if (bytes[at]! >= 128 && length > 0) return bytes.subarray(at, at + length)
    let text = ''
    for (let i = 0; i < length; i++) text += String.fromCharCode(bytes[at + i]!)
    return [text]
  }
  const numbers: number[] = []
  if (type === 3 || type === 8) {
    const at = count < 3 ? inline : offset
    for (let i = 0; i < count; i++) numbers.push(type === 3 ? reader.u16(at + 2 * i) : (reader.u16(at + 2 * i) << 16) >> 16)
    return numbers
  }
  if (type === 4 || type === 13 || type === 9) {
    const at = count < 2 ? inline : offset
    for (let i = 0; i < count; i++) numbers.push(type === 9 ? reader.i32(at + 4 * i) : reader.u32(at + 4 * i))
    return numbers
  }
  if (type === 5 || type === 10) {
    const pairs: Array<[number, number]> = []
    for (let i = 0; i < count; i++) {
      const at = offset + 8 * i
      pairs.push(type === 5 ? [reader.u32(at), reader.u32(at + 4)] : [reader.i32(at), reader.i32(at + 4)])
    }
    return pairs
  }
  if (type === 11 || type === 12) {
    // UTIF reads floats at the offset field even when one would fit inline, and bytes past the
    // end as 0: a stray float tag must not make a readable file unreadable
    const size = type === 11 ? 4 : 8
    const scratch = new DataView(new ArrayBuffer(8))
    for (let i = 0; i < count; i++) {
      const at = offset + size * i
      for (let k = 0; k < size; k++) scratch.setUint8(k, bytes[at + k] ?? 0)
      numbers.push(type === 11 ? scratch.getFloat32(0, reader.littleEndian) : scratch.getFloat64(0, reader.littleEndian))
    }
    return numbers
  }
  return [] // a type UTIF cannot read, with no values
}

/** The value types UTIF reads; an entry of another type (with values) is skipped. */
const READABLE_TYPES = new Set([1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13])
/** The tags the header is made of (tiffHeader); the others are only checked for a readable type. */
const HEADER_TAGS = new Set([256, 257, 258, 262, 273, 274, 277, 279, 324, 325, 338, 34675])

/** One directory's header tags, or null when UTIF would drop it (its first entry has a type UTIF cannot read). */
function readDirectory(reader: ByteReader, offset: number): Map<number, TiffValue> | null {
  const tags = new Map<number, TiffValue>()
  const count = reader.u16(offset)
  for (let i = 0; i < count; i++) {
    const entry = offset + 2 + i * 12
    const type = reader.u16(entry + 2)
    const values = reader.u32(entry + 4)
    if (!READABLE_TYPES.has(type) && values !== 0) {
      if (i === 0) return null
      continue
    }
    const tag = reader.u16(entry)
    if (HEADER_TAGS.has(tag)) tags.set(tag, readValue(reader, entry, type, values))
  }
  return tags
}

/** The tags of the first directory UTIF keeps; damaged when there is none. */
export function readFirstDirectory(bytes: Uint8Array): TiffTags {
  checkTiffStructure(bytes)
  const reader = new ByteReader(bytes, 'TIFF', hasAscii(bytes, 0, 'II'))
  // checkTiffStructure refuses a chain that loops, so this walk ends
  for (let offset = reader.u32(4); ; ) {
    const count = reader.u16(offset)
    const firstType = count ? reader.u16(offset + 4) : 1
    if (firstType < 1 || firstType > 13) break
    const tags = readDirectory(reader, offset)
    if (tags) return tags
    offset = reader.u32(offset + 2 + count * 12)
    if (offset === 0) break
  }
  throw damaged('TIFF', 'no image directory')
}

/** The first value when it is a number (UTIF's `ifd.tNNN[0]`), else `fallback`. */
export function firstNumber(value: unknown, fallback: number): number {
  return Array.isArray(value) && typeof value[0] === 'number' ? value[0] : fallback
}

/** Every strip or tile must lie inside the file (UTIF would read past the end silently). */
export function checkStrips(offsets: unknown, counts: unknown, length: number): void {
  if (!Array.isArray(offsets) || !Array.isArray(counts) || offsets.length !== counts.length) {
    throw damaged('TIFF', 'strip or tile offsets are missing')
  }
  for (let i = 0; i < offsets.length; i++) {
    if (Number(offsets[i]) + Number(counts[i]) > length) throw damaged('TIFF', `strip ${i} runs past the end of the file`)
  }
}

/** The header fields from a directory's tags (`tag(n)` is UTIF's `ifd.t<n>`). */
export function tiffHeader(tag: (n: number) => unknown, length: number): ProbeResult {
  const width = firstNumber(tag(256), 0)
  const height = firstNumber(tag(257), 0)
  if (!(width > 0 && height > 0)) throw damaged('TIFF', `the first IFD declares ${width}x${height}`)
  checkStrips(tag(273) ?? tag(324), tag(279) ?? tag(325), length)
  const samples = firstNumber(tag(277), 1)
  const photometric = firstNumber(tag(262), 2)
  const extraSamples = tag(338)
  const extra = Array.isArray(extraSamples) && extraSamples.length > 0
  const orientation = firstNumber(tag(274), 1)
  return {
    format: 'tiff',
    width,
    height,
    frames: 1,
    orientation: orientation >= 1 && orientation <= 8 ? orientation : 1,
    colorType: photometric === 3 ? 'palette' : photometric === 5 ? 'cmyk' : samples <= 2 ? (extra ? 'grey-alpha' : 'grey') : extra ? 'rgba' : 'rgb',
    bitDepth: firstNumber(tag(258), 1),
    hasAlpha: extra,
    hasIcc: tag(34675) !== undefined,
    progressive: false,
  }
}

/** The header of a TIFF's first page, read without decoding anything. */
export function probeTiff(bytes: Uint8Array): ProbeResult {
  const tags = readFirstDirectory(bytes)
  return tiffHeader((n) => tags.get(n), bytes.length)
}
