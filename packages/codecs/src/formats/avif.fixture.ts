/**
 * AVIF files put together box by box around AV1 data from our own encoder, for tests. They can
 * have the shapes phones and cameras write: a grid of tiles whose last column and row overhang the
 * canvas, or a Display P3 ICC `colr`. They can also leave `pixi` out, as some writers do. libavif's
 * own writer, which is behind our encoder, never does either.
 */
import { concatBytes, type RawImage } from '@imgproc/types'
import { ByteReader } from '../bytes.js'
import { avifEncoder } from '../jsquash.js'

/** One coded AV1 image: its av1C property box as written, and the bitstream. */
export interface Av1Tile {
  width: number
  height: number
  bitDepth: number
  av1C: Uint8Array
  data: Uint8Array
}

const u16 = (n: number): number[] => [(n >>> 8) & 255, n & 255]
const u32 = (n: number): number[] => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]
const text = (s: string): number[] => [...s].map((c) => c.charCodeAt(0))
const box = (type: string, ...body: Array<number[] | Uint8Array>): Uint8Array => {
  const payload = concatBytes(body.map((part) => (part instanceof Uint8Array ? part : Uint8Array.from(part))))
  return concatBytes([Uint8Array.from([...u32(8 + payload.length), ...text(type)]), payload])
}
const full = (type: string, flags: number, ...body: Array<number[] | Uint8Array>) => box(type, [0, 0, 0, flags], ...body)

interface Found {
  type: string
  offset: number
  start: number
  end: number
}
function children(reader: ByteReader, start: number, end: number): Found[] {
  const out: Found[] = []
  for (let at = start; at + 8 <= end; ) {
    const size = reader.u32(at)
    out.push({ type: reader.ascii(at + 4, 4), offset: at, start: at + 8, end: at + size })
    at += size
  }
  return out
}
function only(list: Found[], type: string): Found {
  const found = list.find((b) => b.type === type)
  if (!found) throw new Error(`the encoder's AVIF has no ${type}`)
  return found
}

/** Reads an n-byte (0, 4 or 8) big-endian number, as iloc's offset/length/base fields are. */
function sized(reader: ByteReader, at: number, size: number): number {
  if (size === 0) return 0
  if (size === 4) return reader.u32(at)
  return reader.u32(at) * 2 ** 32 + reader.u32(at + 4)
}

/** The glue reads 16-bit samples (0 .. 2^depth - 1) above 8 bits, 8-bit ones at 8. */
function samples(image: RawImage, bitDepth: number): Uint8Array {
  if (bitDepth === 8) return new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.byteLength)
  const max = 2 ** bitDepth - 1
  const wide = Uint16Array.from(image.data, (v) => Math.round((v * max) / 255))
  return new Uint8Array(wide.buffer)
}

/** Encodes `image` with our AVIF encoder (4:2:0) and lifts its primary item's av1C and bitstream out. */
export async function encodeAv1Tile(image: RawImage, bitDepth: 8 | 10 | 12 = 10): Promise<Av1Tile> {
  const encoder = await avifEncoder()
  const file = encoder.encode(samples(image, bitDepth), image.width, image.height, {
    quality: 90,
    qualityAlpha: -1,
    denoiseLevel: 0,
    tileColsLog2: 0,
    tileRowsLog2: 0,
    speed: 10,
    subsample: 1,
    chromaDeltaQ: false,
    sharpness: 0,
    tune: 0,
    enableSharpYUV: false,
    bitDepth,
    lossless: false,
  })
  if (!file) throw new Error('the AVIF encoder returned nothing')
  const reader = new ByteReader(file, 'AVIF')
  const meta = only(children(reader, 0, file.length), 'meta')
  const inMeta = children(reader, meta.start + 4, meta.end)
  const pitm = only(inMeta, 'pitm')
  const primary = reader.u16(pitm.start + 4)
  const iprp = only(inMeta, 'iprp')
  const ipco = only(children(reader, iprp.start, iprp.end), 'ipco')
  const ipma = only(children(reader, iprp.start, iprp.end), 'ipma')
  const properties = children(reader, ipco.start, ipco.end)
  // ipma version 0, one-byte associations: what libavif writes for a handful of properties
  let av1C: Found | undefined
  for (let i = 0, at = ipma.start + 8, count = reader.u32(ipma.start + 4); i < count; i++) {
    const id = reader.u16(at)
    const n = reader.u8(at + 2)
    const mine = [...reader.sub(at + 3, n)].map((a) => properties[(a & 0x7f) - 1])
    if (id === primary) av1C = mine.find((p) => p?.type === 'av1C')
    at += 3 + n
  }
  if (!av1C) throw new Error("the encoder's primary item has no av1C")
  // iloc: find the primary item's single extent
  const iloc = only(inMeta, 'iloc')
  const version = reader.u8(iloc.start)
  const sizes = reader.u16(iloc.start + 4)
  const [offsetSize, lengthSize, baseSize, indexSize] = [sizes >> 12, (sizes >> 8) & 15, (sizes >> 4) & 15, version > 0 ? sizes & 15 : 0]
  let at = iloc.start + 6
  const count = version < 2 ? reader.u16(at) : reader.u32(at)
  at += version < 2 ? 2 : 4
  for (let i = 0; i < count; i++) {
    const id = version < 2 ? reader.u16(at) : reader.u32(at)
    at += (version < 2 ? 2 : 4) + (version > 0 ? 2 : 0) + 2
    const base = sized(reader, at, baseSize)
    at += baseSize
    const extents = reader.u16(at)
    at += 2
    if (id === primary) {
      if (extents !== 1) throw new Error(`the encoder's primary item has ${extents} extents`)
      const offset = sized(reader, at + indexSize, offsetSize)
      const length = sized(reader, at + indexSize + offsetSize, lengthSize)
      const av1CBox = file.slice(av1C.offset, av1C.end)
      return { width: image.width, height: image.height, bitDepth, av1C: av1CBox, data: file.slice(base + offset, base + offset + length) }
    }
    at += extents * (indexSize + offsetSize + lengthSize)
  }
  throw new Error("the encoder's primary item has no iloc entry")
}

export interface AvifLayout {
  /** the canvas; with a grid the last column and row of tiles may overhang it (they are cropped) */
  width: number
  height: number
  /** row by row; a single tile without `columns` is written as a plain av01 primary item */
  tiles: readonly Av1Tile[]
  /** tiles a row: makes the primary item a `grid` */
  columns?: number
  /** written as a `colr` of type prof on the primary item */
  icc?: Uint8Array
  /** which items carry the MIAF-mandatory pixi: all (as libavif writes), only the tiles, or none */
  pixi?: 'all' | 'tiles' | 'none'
}

/**
 * A complete AVIF (ftyp, meta, mdat) for `layout`. The grid item is item 1, tiles follow as hidden
 * items; all data sits in mdat with 32-bit iloc offsets.
 */
export function assembleAvif(layout: AvifLayout): Uint8Array {
  const { width, height, tiles, columns, icc, pixi = 'all' } = layout
  const grid = columns !== undefined
  if (!grid && tiles.length !== 1) throw new Error('several tiles need `columns`')
  const rows = grid ? Math.ceil(tiles.length / columns) : 1
  if (grid && rows * columns !== tiles.length) throw new Error(`${tiles.length} tiles do not fill ${columns} columns`)

  // properties, deduplicated by their bytes; indexes are 1-based
  const properties: Uint8Array[] = []
  const keys = new Map<string, number>()
  const property = (bytes: Uint8Array): number => {
    const key = Array.from(bytes).join(',')
    if (!keys.has(key)) keys.set(key, properties.push(bytes))
    return keys.get(key)!
  }
  const ESSENTIAL = 0x80
  const pixiOf = (tile: Av1Tile) => full('pixi', 0, [3, tile.bitDepth, tile.bitDepth, tile.bitDepth])
  const canvas = [property(full('ispe', 0, u32(width), u32(height)))]
  if (icc) canvas.push(property(box('colr', text('prof'), icc)))
  const items: Array<{ id: number; type: string; hidden: boolean; data: Uint8Array; associations: number[] }> = []
  if (grid) {
    if (pixi === 'all') canvas.push(property(pixiOf(tiles[0]!)))
    const wide = width > 0xffff || height > 0xffff
    const descriptor = [0, wide ? 1 : 0, rows - 1, columns - 1, ...(wide ? [...u32(width), ...u32(height)] : [...u16(width), ...u16(height)])]
    items.push({ id: 1, type: 'grid', hidden: false, data: Uint8Array.from(descriptor), associations: canvas })
  }
  tiles.forEach((tile, i) => {
    const associations = grid ? [property(full('ispe', 0, u32(tile.width), u32(tile.height)))] : [...canvas]
    associations.push(property(tile.av1C) | ESSENTIAL)
    if (pixi === 'all' || (grid && pixi === 'tiles')) associations.push(property(pixiOf(tile)))
    items.push({ id: grid ? i + 2 : 1, type: 'av01', hidden: grid, data: tile.data, associations })
  })
  if (properties.length > 0x7f) throw new Error('too many properties for one-byte ipma associations')

  const metaFor = (dataStart: number): Uint8Array => {
    let offset = dataStart
    const iloc = full('iloc', 0, [0x44, 0x00], u16(items.length), ...items.map((item) => {
      const entry = [...u16(item.id), ...u16(0), ...u16(1), ...u32(offset), ...u32(item.data.length)]
      offset += item.data.length
      return entry
    }))
    const iinf = full('iinf', 0, u16(items.length), ...items.map((item) => box('infe', [2, 0, 0, item.hidden ? 1 : 0], u16(item.id), u16(0), text(item.type), [0])))
    const iref = grid ? [full('iref', 0, box('dimg', u16(1), u16(tiles.length), ...items.slice(1).map((item) => u16(item.id))))] : []
    const ipma = full('ipma', 0, u32(items.length), ...items.map((item) => [...u16(item.id), item.associations.length, ...item.associations]))
    return full(
      'meta',
      0,
      full('hdlr', 0, u32(0), text('pict'), u32(0), u32(0), u32(0), [0]),
      full('pitm', 0, u16(1)),
      iloc,
      iinf,
      ...iref,
      box('iprp', box('ipco', ...properties), ipma),
    )
  }
  const ftyp = box('ftyp', text('avif'), u32(0), text('avif'), text('mif1'), text('miaf'))
  // the meta's size does not depend on the offsets in it, so measure once and write again
  const dataStart = ftyp.length + metaFor(0).length + 8
  const mdat = box('mdat', ...items.map((item) => item.data))
  return concatBytes([ftyp, metaFor(dataStart), mdat])
}
