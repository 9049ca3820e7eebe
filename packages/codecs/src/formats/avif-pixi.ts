/**
 * Adds the `pixi` (pixel information) property that AVIF writers leave out, before the bytes go to
 * libavif.
 *
 * Why: the shipped avif_dec.wasm (jSquash's libavif 1.0.1 build) creates its decoder with the
 * defaults, strict mode included, and its glue has no switch to change that. In strict mode an image
 * item without `pixi` is "BMFF parsing failed", and the glue hands back null, so we can only say
 * "libavif could not decode". MIAF makes `pixi` mandatory, but files without it are common:
 * libheif before 1.12 never wrote it, and phone-sized grids arrive with none on the `grid` item
 * (libavif issue 2846). Browsers decode such files because Chrome and WebKit turn the check off.
 *
 * What: every `av01` or `grid` item without `pixi` gets one. The bit depth and channel count come
 * from the item's own av1C, or for a grid from its first tile's av1C, which is what libavif compares
 * `pixi` against. No byte moves, so iloc offsets into mdat stay right: the old meta box is renamed
 * `free` and the amended meta is appended at the end of the file (ISOBMFF puts no order on
 * top-level boxes after ftyp). When a file cannot be read this way, it is returned unchanged and
 * libavif reports what it finds.
 */
import { concatBytes } from '@imgproc/types'
import { ByteReader } from '../bytes.js'

interface Box {
  type: string
  /** where the box starts (its size field) */
  offset: number
  /** where its payload starts */
  start: number
  end: number
  /** the size field was 0: the box runs to the end of the file */
  toEnd: boolean
}

/** Far more boxes than a real file has; a bound on the work a hostile file can cause. */
const MAX_BOXES = 100_000

/** Child boxes of [start, end); undefined when one of them does not fit. */
function boxes(reader: ByteReader, start: number, end: number): Box[] | undefined {
  const out: Box[] = []
  let offset = start
  while (offset + 8 <= end) {
    if (out.length === MAX_BOXES) return undefined
    const declared = reader.u32(offset)
    const type = reader.ascii(offset + 4, 4)
    let size = declared
    let header = 8
    if (declared === 1) {
      size = reader.u32(offset + 8) * 2 ** 32 + reader.u32(offset + 12)
      header = 16
    } else if (declared === 0) size = end - offset
    if (size < header || offset + size > end) return undefined
    out.push({ type, offset, start: offset + header, end: offset + size, toEnd: declared === 0 })
    offset += size
  }
  return offset === end ? out : undefined
}

interface Entry {
  item: number
  /** the associations' bytes as written (1 or 2 bytes each) */
  associations: Uint8Array
  /** property indexes, 1-based */
  indexes: number[]
}

interface Ipma {
  box: Box
  version: number
  wide: boolean
  entries: Entry[]
}

function readIpma(reader: ByteReader, box: Box): Ipma {
  const version = reader.u8(box.start)
  const wide = (reader.u8(box.start + 3) & 1) === 1
  const count = reader.u32(box.start + 4)
  const entries: Entry[] = []
  let at = box.start + 8
  for (let i = 0; i < count; i++) {
    if (at >= box.end) throw new RangeError('ipma entries run past the box')
    const item = version < 1 ? reader.u16(at) : reader.u32(at)
    at += version < 1 ? 2 : 4
    const n = reader.u8(at++)
    const size = wide ? 2 : 1
    const associations = reader.sub(at, n * size)
    const indexes: number[] = []
    for (let k = 0; k < n; k++) indexes.push(wide ? reader.u16(at + k * 2) & 0x7fff : reader.u8(at + k) & 0x7f)
    at += n * size
    entries.push({ item, associations, indexes })
  }
  return { box, version, wide, entries }
}

/** Item types by id, from iinf (infe version 2 and 3 carry the type). */
function readItemTypes(reader: ByteReader, iinf: Box): Map<number, string> {
  const types = new Map<number, string>()
  const skip = reader.u8(iinf.start) === 0 ? 6 : 8
  for (const infe of boxes(reader, iinf.start + skip, iinf.end) ?? []) {
    if (infe.type !== 'infe') continue
    const version = reader.u8(infe.start)
    if (version < 2) continue
    const id = version === 2 ? reader.u16(infe.start + 4) : reader.u32(infe.start + 4)
    types.set(id, reader.ascii(infe.start + (version === 2 ? 8 : 10), 4))
  }
  return types
}

/** Each grid's first tile, from iref's `dimg` references. */
function readFirstTiles(reader: ByteReader, iref: Box | undefined): Map<number, number> {
  const first = new Map<number, number>()
  if (!iref) return first
  const wide = reader.u8(iref.start) !== 0
  for (const ref of boxes(reader, iref.start + 4, iref.end) ?? []) {
    if (ref.type !== 'dimg') continue
    const from = wide ? reader.u32(ref.start) : reader.u16(ref.start)
    const count = reader.u16(ref.start + (wide ? 4 : 2))
    if (count > 0) first.set(from, wide ? reader.u32(ref.start + 6) : reader.u16(ref.start + 4))
  }
  return first
}

const u32 = (n: number): number[] => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]
const u16 = (n: number): number[] => [(n >>> 8) & 255, n & 255]
const fourcc = (type: string): number[] => [...type].map((c) => c.charCodeAt(0))

function box(type: string, body: Uint8Array): Uint8Array {
  return concatBytes([Uint8Array.from([...u32(8 + body.length), ...fourcc(type)]), body])
}

/**
 * The file with a `pixi` on every AV1 image item (and grid) that has none, or the same array when
 * nothing is missing or the file cannot be amended safely.
 */
export function withPixiProperties(bytes: Uint8Array): Uint8Array {
  try {
    return amend(bytes) ?? bytes
  } catch {
    return bytes // unreadable here: libavif will say what is wrong
  }
}

function amend(bytes: Uint8Array): Uint8Array | undefined {
  const reader = new ByteReader(bytes, 'AVIF')
  const top = boxes(reader, 0, bytes.length)
  const metas = top?.filter((b) => b.type === 'meta') ?? []
  if (!top || metas.length !== 1) return undefined
  const meta = metas[0]!
  const children = boxes(reader, meta.start + 4, meta.end)
  const iinf = children?.find((b) => b.type === 'iinf')
  const iprp = children?.find((b) => b.type === 'iprp')
  if (!children || !iinf || !iprp) return undefined
  const inIprp = boxes(reader, iprp.start, iprp.end)
  const ipco = inIprp?.find((b) => b.type === 'ipco')
  if (!inIprp || !ipco) return undefined
  const properties = boxes(reader, ipco.start, ipco.end)
  if (!properties) return undefined
  const ipmas = inIprp.filter((b) => b.type === 'ipma').map((b) => readIpma(reader, b))
  const entries = new Map<number, Entry>()
  for (const ipma of ipmas) for (const entry of ipma.entries) entries.set(entry.item, entry)
  const types = readItemTypes(reader, iinf)
  const firstTiles = readFirstTiles(reader, children.find((b) => b.type === 'iref'))
  const property = (item: number, type: string): Box | undefined =>
    entries.get(item)?.indexes.map((index) => properties[index - 1]).find((p) => p?.type === type)

  // pixi values by item, for the items that lack one
  const missing = new Map<number, readonly number[]>()
  for (const [item, type] of types) {
    if ((type !== 'av01' && type !== 'grid') || !entries.has(item) || property(item, 'pixi')) continue
    const tile = type === 'grid' ? firstTiles.get(item) : undefined
    const av1C = property(item, 'av1C') ?? (tile === undefined ? undefined : property(tile, 'av1C'))
    if (!av1C || av1C.end - av1C.start < 4) continue // libavif refuses it for that anyway
    const flags = reader.u8(av1C.start + 2) // tier, high_bitdepth, twelve_bit, monochrome, ...
    const depth = flags & 0x20 ? 12 : flags & 0x40 ? 10 : 8
    const channels = flags & 0x10 ? 1 : 3
    missing.set(item, [channels, ...Array<number>(channels).fill(depth)])
  }
  if (missing.size === 0) return undefined

  // one new property per distinct pixi, after the existing ones
  const added: Uint8Array[] = []
  const indexOf = new Map<string, number>()
  for (const values of missing.values()) {
    const key = values.join(',')
    if (indexOf.has(key)) continue
    indexOf.set(key, properties.length + added.length + 1)
    added.push(box('pixi', Uint8Array.from([0, 0, 0, 0, ...values])))
  }

  const newIpma = (ipma: Ipma): Uint8Array | undefined => {
    // version and flags as written, then the same entry count
    const body: Uint8Array[] = [reader.sub(ipma.box.start, 4), Uint8Array.from(u32(ipma.entries.length))]
    for (const entry of ipma.entries) {
      const values = missing.get(entry.item)
      const id = ipma.version < 1 ? u16(entry.item) : u32(entry.item)
      if (!values) {
        body.push(Uint8Array.from([...id, entry.indexes.length]), entry.associations)
        continue
      }
      const index = indexOf.get(values.join(','))!
      if (entry.indexes.length === 255 || index > (ipma.wide ? 0x7fff : 0x7f)) return undefined
      // first in the list: pixi is descriptive, and descriptive properties come before transformative ones
      const association = ipma.wide ? u16(index) : [index]
      body.push(Uint8Array.from([...id, entry.indexes.length + 1, ...association]), entry.associations)
    }
    return box('ipma', concatBytes(body))
  }

  const iprpParts: Uint8Array[] = []
  for (const child of inIprp) {
    if (child === ipco) iprpParts.push(box('ipco', concatBytes([reader.sub(ipco.start, ipco.end - ipco.start), ...added])))
    else if (child.type === 'ipma') {
      const rewritten = newIpma(ipmas.find((ipma) => ipma.box === child)!)
      if (!rewritten) return undefined
      iprpParts.push(rewritten)
    } else iprpParts.push(reader.sub(child.offset, child.end - child.offset))
  }
  const metaParts: Uint8Array[] = [reader.sub(meta.start, 4)]
  for (const child of children) {
    metaParts.push(child === iprp ? box('iprp', concatBytes(iprpParts)) : reader.sub(child.offset, child.end - child.offset))
  }
  const newMeta = box('meta', concatBytes(metaParts))

  const out = new Uint8Array(bytes.length + newMeta.length)
  out.set(bytes)
  out.set(newMeta, bytes.length)
  out.set(fourcc('free'), meta.offset + 4)
  // a last box that ran "to the end of the file" must now stop where the appended meta begins
  const last = top[top.length - 1]!
  if (last.toEnd) {
    if (last.end - last.offset > 0xffffffff) return undefined
    out.set(u32(last.end - last.offset), last.offset)
  }
  return out
}
