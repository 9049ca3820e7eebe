/**
 * Structural check of a TIFF before UTIF reads it: UTIF trusts every IFD entry's count and
 * would build a JS array of that many values (a bit-flipped count exhausts the heap). Every IFD
 * reachable through next-IFD, SubIFDs, Exif and GPS pointers must lie inside the file, and every
 * entry's values too. Bounded: at most MAX_IFDS directories, each visited once. The chain of
 * top-level directories (IFD0, its next, ...) must not loop: UTIF walks it without remembering
 * where it has been, so a next pointer back into the chain would keep it reading forever.
 */
import { ByteReader, damaged, hasAscii } from '../bytes.js'

const TYPE_SIZE: Readonly<Record<number, number>> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4, 16: 8, 17: 8, 18: 8 }
const POINTER_TAGS = new Set([330, 34665, 34853])
const MAX_IFDS = 256

export function checkTiffStructure(bytes: Uint8Array): void {
  const reader = new ByteReader(bytes, 'TIFF', hasAscii(bytes, 0, 'II'))
  const chain = new Set<number>()
  for (let offset = reader.u32(4); offset !== 0; offset = reader.u32(offset + 2 + reader.u16(offset) * 12)) {
    if (chain.has(offset)) throw damaged('TIFF', 'the chain of image directories loops back on itself')
    if (chain.size >= MAX_IFDS) throw damaged('TIFF', 'too many image directories')
    chain.add(offset)
  }
  const pending = [reader.u32(4)]
  const visited = new Set<number>()
  while (pending.length) {
    const offset = pending.pop()!
    if (offset === 0 || visited.has(offset)) continue
    if (visited.size >= MAX_IFDS) throw damaged('TIFF', 'too many image directories')
    visited.add(offset)
    const count = reader.u16(offset)
    for (let i = 0; i < count; i++) {
      const entry = offset + 2 + i * 12
      const tag = reader.u16(entry)
      const size = TYPE_SIZE[reader.u16(entry + 2)] ?? 1
      const values = reader.u32(entry + 4)
      const total = size * values
      if (total > bytes.length) throw damaged('TIFF', `tag ${tag} declares ${values} values in a ${bytes.length}-byte file`)
      const at = total <= 4 ? entry + 8 : reader.u32(entry + 8)
      if (at + total > bytes.length) throw damaged('TIFF', `the values of tag ${tag} lie outside the file`)
      if (POINTER_TAGS.has(tag)) for (let k = 0; k < Math.min(values, 64); k++) pending.push(reader.u32(at + k * 4))
    }
    pending.push(reader.u32(offset + 2 + count * 12))
  }
}
