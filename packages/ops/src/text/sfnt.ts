import { ImgError } from '@imgproc/types'
import { unzlibSync } from 'fflate'

/**
 * Font container formats to a plain sfnt (TrueType/OpenType) file, the one form that both
 * opentype.js (outlines) and HarfBuzz (shaping) read the same way, so glyph ids agree:
 * - `.ttc`/`.otc` collections (Noto CJK, WenQuanYi): one face copied out into its own file
 *   (opentype.js cannot read collections at all);
 * - WOFF 1.0 (the bundled fonts): every table inflated (opentype.js' own inflater rejects the
 *   zlib streams fontsource's files carry, and HarfBuzz reads no WOFF);
 * - WOFF2 is refused with a clear message (Brotli plus glyf transforms: use the .woff or .ttf).
 */

const TAG_TTCF = 0x74746366 // 'ttcf'
const TAG_WOFF = 0x774f4646 // 'wOFF'
const TAG_WOFF2 = 0x774f4632 // 'wOF2'
const SFNT_VERSIONS = new Set([0x00010000, 0x4f54544f /* 'OTTO' */, 0x74727565 /* 'true' */])

interface TableRecord {
  tag: number
  checksum: number
  /** table bytes as stored (compressed for WOFF) */
  data: Uint8Array
  /** uncompressed length */
  length: number
}

export type FontContainer = 'sfnt' | 'collection' | 'woff' | 'woff2' | 'unknown'

export function fontContainer(bytes: Uint8Array): FontContainer {
  if (bytes.length < 12) return 'unknown'
  const tag = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0)
  if (tag === TAG_TTCF) return 'collection'
  if (tag === TAG_WOFF) return 'woff'
  if (tag === TAG_WOFF2) return 'woff2'
  return SFNT_VERSIONS.has(tag) ? 'sfnt' : 'unknown'
}

/** Number of faces in the bytes: the collection's count, 1 for a single font. */
export function faceCount(bytes: Uint8Array): number {
  if (fontContainer(bytes) !== 'collection') return 1
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8)
}

/**
 * A standalone sfnt for face `index` of `bytes` (any container above). A plain sfnt is returned
 * as is (no copy). Throws BadRequest for bytes that are no font or that are cut short.
 */
export function toSfnt(bytes: Uint8Array, index = 0): Uint8Array {
  const container = fontContainer(bytes)
  try {
    if (container === 'sfnt') return bytes
    if (container === 'collection') return writeSfnt(view(bytes).getUint32(sfntFaceOffset(bytes, index)), collectionTables(bytes, index))
    if (container === 'woff') return writeSfnt(view(bytes).getUint32(4), woffTables(bytes))
  } catch (cause) {
    if (cause instanceof ImgError) throw cause
    throw new ImgError('BadRequest', `The font file is damaged (${(cause as Error).message})`, { cause })
  }
  if (container === 'woff2') throw new ImgError('BadRequest', 'WOFF2 fonts are not read: use the .woff, .ttf or .otf file of the font')
  throw new ImgError('BadRequest', 'Expected TrueType or OpenType font bytes (.ttf, .otf, .ttc or .woff)')
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

function sfntFaceOffset(bytes: Uint8Array, index: number): number {
  const count = faceCount(bytes)
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new ImgError('InvalidArgument', `The font collection has ${count} faces; face ${index} does not exist`)
  }
  return view(bytes).getUint32(12 + 4 * index)
}

function checkedSlice(bytes: Uint8Array, offset: number, length: number): Uint8Array {
  if (offset + length > bytes.length) throw new RangeError(`a table runs past the end of the file (${offset}+${length} > ${bytes.length})`)
  return bytes.subarray(offset, offset + length)
}

/** The tables of one collection face; offsets in a collection count from the file's start. */
function collectionTables(bytes: Uint8Array, index: number): TableRecord[] {
  const dv = view(bytes)
  const at = sfntFaceOffset(bytes, index)
  const count = dv.getUint16(at + 4)
  const tables: TableRecord[] = []
  for (let i = 0; i < count; i++) {
    const r = at + 12 + 16 * i
    const length = dv.getUint32(r + 12)
    tables.push({ tag: dv.getUint32(r), checksum: dv.getUint32(r + 4), data: checkedSlice(bytes, dv.getUint32(r + 8), length), length })
  }
  return tables
}

/** WOFF 1.0 table directory: 44-byte header, then 20 bytes per table; zlib where compLength < origLength. */
function woffTables(bytes: Uint8Array): TableRecord[] {
  const dv = view(bytes)
  const count = dv.getUint16(12)
  const tables: TableRecord[] = []
  for (let i = 0; i < count; i++) {
    const r = 44 + 20 * i
    const stored = checkedSlice(bytes, dv.getUint32(r + 4), dv.getUint32(r + 8))
    const length = dv.getUint32(r + 12)
    const data = stored.length < length ? unzlibSync(stored) : stored
    if (data.length !== length) throw new RangeError(`table ${i} inflates to ${data.length} bytes, not ${length}`)
    tables.push({ tag: dv.getUint32(r), checksum: dv.getUint32(r + 16), data, length })
  }
  return tables
}

/** An sfnt file from its tables (sorted by tag as the format asks, each 4-byte aligned). */
function writeSfnt(flavor: number, tables: TableRecord[]): Uint8Array {
  const sorted = [...tables].sort((a, b) => a.tag - b.tag)
  let size = 12 + 16 * sorted.length
  for (const t of sorted) size += (t.length + 3) & ~3
  const out = new Uint8Array(size)
  const dv = new DataView(out.buffer)
  const entrySelector = Math.floor(Math.log2(Math.max(1, sorted.length)))
  dv.setUint32(0, flavor)
  dv.setUint16(4, sorted.length)
  dv.setUint16(6, 16 << entrySelector)
  dv.setUint16(8, entrySelector)
  dv.setUint16(10, sorted.length * 16 - (16 << entrySelector))
  let offset = 12 + 16 * sorted.length
  sorted.forEach((t, i) => {
    const r = 12 + 16 * i
    dv.setUint32(r, t.tag)
    dv.setUint32(r + 4, t.checksum)
    dv.setUint32(r + 8, offset)
    dv.setUint32(r + 12, t.length)
    out.set(t.data, offset)
    offset += (t.length + 3) & ~3
  })
  return out
}
