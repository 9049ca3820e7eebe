/** Chunk-level PNG check before decoding: every chunk complete, every CRC right, IDAT present, IEND reached. */
import { ByteReader, damaged } from '../bytes.js'
import { crc32 } from '../crc32.js'

export function checkPngIntegrity(bytes: Uint8Array): void {
  const reader = new ByteReader(bytes, 'PNG')
  let offset = 8
  let sawIdat = false
  while (offset + 12 <= bytes.length) {
    const length = reader.u32(offset)
    const type = reader.ascii(offset + 4, 4)
    const end = offset + 8 + length
    if (end + 4 > bytes.length) throw damaged('PNG', `chunk ${type} at offset ${offset} runs past the end of the file`)
    if (crc32(bytes, offset + 4, end) !== reader.u32(end)) throw damaged('PNG', `chunk ${type} at offset ${offset} has a bad CRC`)
    if (type === 'IDAT') sawIdat = true
    if (type === 'IEND') {
      if (!sawIdat) throw damaged('PNG', 'no IDAT chunk')
      return
    }
    offset = end + 4
  }
  throw damaged('PNG', 'the file ends before the IEND chunk')
}
