/**
 * The chunk walk before decoding: every chunk complete, every CRC right, IDAT present, IEND
 * reached (the decoder is handed only checked data), collecting what the pixels need: the IDAT
 * bodies (the default image; APNG's fdAT frames are not read), PLTE and tRNS.
 */
import { ByteReader, damaged } from '../bytes.js'
import { crc32 } from '../crc32.js'

export interface PngImageChunks {
  /** the IDAT bodies in file order: together, one zlib stream */
  idat: Uint8Array[]
  plte?: Uint8Array
  trns?: Uint8Array
}

/** The bit depths PNG allows for each colour type (PNG spec, table 11.1). */
const DEPTHS: Readonly<Record<number, readonly number[]>> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] }

/** IHDR's colour type, bit depth and methods, as the spec allows them (probePng checks each alone). */
export function checkImageHeader(bytes: Uint8Array): void {
  const [depth, colourType, compression, filter, interlace] = [bytes[24]!, bytes[25]!, bytes[26]!, bytes[27]!, bytes[28]!]
  if (!DEPTHS[colourType]?.includes(depth)) throw damaged('PNG', `IHDR colour type ${colourType} with bit depth ${depth}`)
  if (compression !== 0 || filter !== 0 || interlace > 1) throw damaged('PNG', `IHDR methods ${compression}/${filter}/${interlace}`)
}

export function readImageChunks(bytes: Uint8Array): PngImageChunks {
  const reader = new ByteReader(bytes, 'PNG')
  const found: PngImageChunks = { idat: [] }
  let offset = 8
  while (offset + 12 <= bytes.length) {
    const length = reader.u32(offset)
    const type = reader.ascii(offset + 4, 4)
    const end = offset + 8 + length
    if (end + 4 > bytes.length) throw damaged('PNG', `chunk ${type} at offset ${offset} runs past the end of the file`)
    if (crc32(bytes, offset + 4, end) !== reader.u32(end)) throw damaged('PNG', `chunk ${type} at offset ${offset} has a bad CRC`)
    const body = bytes.subarray(offset + 8, end)
    if (type === 'IDAT') found.idat.push(body)
    else if (type === 'PLTE' && !found.plte) found.plte = body
    else if (type === 'tRNS' && !found.trns) found.trns = body
    else if (type === 'IEND') {
      if (found.idat.length === 0) throw damaged('PNG', 'no IDAT chunk')
      return found
    }
    offset = end + 4
  }
  throw damaged('PNG', 'the file ends before the IEND chunk')
}

/**
 * PLTE and tRNS as the 256 RGBA entries the decoder looks indices up in. Indices past the
 * palette come out opaque black, as the `png` crate, libpng and libspng give them.
 */
export function paletteTable(chunks: PngImageChunks): Uint8Array {
  if (!chunks.plte || chunks.plte.length % 3 !== 0 || chunks.plte.length === 0) throw damaged('PNG', 'a palette image without a valid PLTE chunk')
  const table = new Uint8Array(1024)
  for (let i = 0; i < 256; i++) {
    const known = i * 3 < chunks.plte.length
    table[i * 4] = known ? chunks.plte[i * 3]! : 0
    table[i * 4 + 1] = known ? chunks.plte[i * 3 + 1]! : 0
    table[i * 4 + 2] = known ? chunks.plte[i * 3 + 2]! : 0
    table[i * 4 + 3] = known ? (chunks.trns?.[i] ?? 255) : 255
  }
  return table
}

/** tRNS of a grey (one sample) or RGB (three) image: the 16-bit sample values that are transparent; -1 for none. */
export function transparentKey(colourType: number, trns: Uint8Array | undefined): [number, number, number] {
  const samples = colourType === 0 ? 1 : colourType === 2 ? 3 : 0
  if (!trns || samples === 0 || trns.length < samples * 2) return [-1, -1, -1]
  const at = (i: number) => (i < samples ? (trns[i * 2]! << 8) | trns[i * 2 + 1]! : -1)
  return [at(0), at(1), at(2)]
}
