/**
 * HEIF-family (AVIF, HEIC) header probe: ftyp, then meta -> pitm (primary item), iprp/ipco
 * (properties) and ipma (which properties belong to which item), giving the primary item's
 * `ispe` size (a grid item's ispe is the full canvas), `pixi` bit depth, `irot`/`imir` presence
 * and whether an ICC `colr` is attached. Box sizes are bounds-checked; nothing is decoded.
 */
import type { ImageFormat, ProbeResult } from '@imgproc/types'
import { ByteReader, damaged } from '../bytes.js'

interface Box {
  type: string
  start: number
  end: number
}

const MAX_BOXES = 10_000

function* boxes(reader: ByteReader, start: number, end: number): Generator<Box> {
  let offset = start
  for (let i = 0; i < MAX_BOXES && offset + 8 <= end; i++) {
    let size = reader.u32(offset)
    const type = reader.ascii(offset + 4, 4)
    let header = 8
    if (size === 1) {
      size = reader.u32(offset + 8) * 2 ** 32 + reader.u32(offset + 12)
      header = 16
    } else if (size === 0) size = end - offset
    if (size < header || offset + size > end) throw damaged(reader.format, `box ${type} at offset ${offset} has size ${size}`)
    yield { type, start: offset + header, end: offset + size }
    offset += size
  }
}

function child(reader: ByteReader, parent: Box, type: string, skip = 0): Box | undefined {
  for (const box of boxes(reader, parent.start + skip, parent.end)) if (box.type === type) return box
  return undefined
}

export interface IsobmffHeader extends ProbeResult {
  /** the primary item's ICC profile (a `colr` box of type prof or rICC) */
  icc?: Uint8Array
}

export function probeIsobmff(bytes: Uint8Array, format: ImageFormat): IsobmffHeader {
  const name = format === 'avif' ? 'AVIF' : 'HEIC'
  const reader = new ByteReader(bytes, name)
  const top = { type: 'file', start: 0, end: bytes.length }
  const meta = child(reader, top, 'meta')
  if (!meta) throw damaged(name, 'no meta box')
  const metaBody = { ...meta, start: meta.start + 4 } // full box: version + flags
  const pitm = child(reader, metaBody, 'pitm')
  const primary = pitm ? (reader.u8(pitm.start) === 0 ? reader.u16(pitm.start + 4) : reader.u32(pitm.start + 4)) : 1
  const iprp = child(reader, metaBody, 'iprp')
  const ipco = iprp && child(reader, iprp, 'ipco')
  const ipma = iprp && child(reader, iprp, 'ipma')
  if (!ipco || !ipma) throw damaged(name, 'no item properties (iprp/ipco/ipma)')
  const properties = [...boxes(reader, ipco.start, ipco.end)]
  const associated = associations(reader, ipma, primary)
  const mine = associated.map((index) => properties[index - 1]).filter((box): box is Box => box !== undefined)
  const ispe = mine.find((box) => box.type === 'ispe')
  if (!ispe) throw damaged(name, `the primary item ${primary} has no size (ispe)`)
  const width = reader.u32(ispe.start + 4)
  const height = reader.u32(ispe.start + 8)
  if (width === 0 || height === 0) throw damaged(name, `ispe declares ${width}x${height}`)
  const pixi = mine.find((box) => box.type === 'pixi')
  const bitDepth = pixi ? reader.u8(pixi.start + 5) : 8
  const channels = pixi ? reader.u8(pixi.start + 4) : 3
  const colr = mine.find((box) => box.type === 'colr' && ['prof', 'rICC'].includes(reader.ascii(box.start, 4)))
  const icc = colr && colr.end > colr.start + 4 ? reader.sub(colr.start + 4, colr.end - colr.start - 4) : undefined
  const hasAlpha = bytes.length < 1 << 20 && containsAscii(bytes, 'urn:mpeg:mpegB:cicp:systems:auxiliary:alpha')
  return {
    format,
    width,
    height,
    frames: 1,
    orientation: 1,
    colorType: channels === 1 ? (hasAlpha ? 'grey-alpha' : 'grey') : hasAlpha ? 'rgba' : 'rgb',
    bitDepth,
    hasAlpha,
    hasIcc: icc !== undefined,
    progressive: false,
    ...(icc ? { icc } : {}),
  }
}

/** Property indexes (1-based) associated with `item` in an ipma box. */
function associations(reader: ByteReader, ipma: Box, item: number): number[] {
  const version = reader.u8(ipma.start)
  const flags = reader.u8(ipma.start + 3)
  const count = reader.u32(ipma.start + 4)
  let offset = ipma.start + 8
  for (let i = 0; i < count && offset < ipma.end; i++) {
    const id = version < 1 ? reader.u16(offset) : reader.u32(offset)
    offset += version < 1 ? 2 : 4
    const n = reader.u8(offset++)
    const indexes: number[] = []
    for (let k = 0; k < n; k++) {
      const value = flags & 1 ? reader.u16(offset) & 0x7fff : reader.u8(offset) & 0x7f
      offset += flags & 1 ? 2 : 1
      indexes.push(value)
    }
    if (id === item) return indexes
  }
  return []
}

function containsAscii(bytes: Uint8Array, text: string): boolean {
  const first = text.charCodeAt(0)
  outer: for (let i = 0; i + text.length <= bytes.length; i++) {
    if (bytes[i] !== first) continue
    for (let k = 1; k < text.length; k++) if (bytes[i + k] !== text.charCodeAt(k)) continue outer
    return true
  }
  return false
}
