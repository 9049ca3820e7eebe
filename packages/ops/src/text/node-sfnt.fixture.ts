/**
 * Test fonts: the bundled WOFF files of @imgproc/fonts read from the checkout (data, not code:
 * ops does not depend on that package), and a .ttc collection made from single fonts.
 */
import { readFileSync } from 'node:fs'
import { toSfnt } from './sfnt.js'

/** A bundled font file's bytes (e.g. 'noto-sans-arabic-arabic-400-normal.woff'). */
export function bundledFontFile(file: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../../fonts/src/fonts/${file}`, import.meta.url)))
}

/**
 * A TrueType collection holding `fonts` (sfnt bytes) as its faces, each face's tables copied
 * after the headers, offsets counted from the start of the file as the format wants.
 */
export function makeCollection(fonts: readonly Uint8Array[]): Uint8Array {
  const faces = fonts.map((font) => {
    const dv = new DataView(font.buffer, font.byteOffset, font.byteLength)
    const count = dv.getUint16(4)
    const tables = Array.from({ length: count }, (_, i) => {
      const r = 12 + 16 * i
      return { tag: dv.getUint32(r), checksum: dv.getUint32(r + 4), data: font.subarray(dv.getUint32(r + 8), dv.getUint32(r + 8) + dv.getUint32(r + 12)) }
    })
    return { flavor: dv.getUint32(0), header: font.subarray(4, 12), tables }
  })
  let offset = 12 + 4 * faces.length
  const faceOffsets = faces.map((face) => {
    const at = offset
    offset += 12 + 16 * face.tables.length
    return at
  })
  const tableOffsets = faces.map((face) =>
    face.tables.map((table) => {
      const at = offset
      offset += (table.data.length + 3) & ~3
      return at
    }),
  )
  const out = new Uint8Array(offset)
  const dv = new DataView(out.buffer)
  dv.setUint32(0, 0x74746366)
  dv.setUint32(4, 0x00010000)
  dv.setUint32(8, faces.length)
  faces.forEach((face, f) => {
    dv.setUint32(12 + 4 * f, faceOffsets[f]!)
    dv.setUint32(faceOffsets[f]!, face.flavor)
    out.set(face.header, faceOffsets[f]! + 4)
    face.tables.forEach((table, t) => {
      const r = faceOffsets[f]! + 12 + 16 * t
      dv.setUint32(r, table.tag)
      dv.setUint32(r + 4, table.checksum)
      dv.setUint32(r + 8, tableOffsets[f]![t]!)
      dv.setUint32(r + 12, table.data.length)
      out.set(table.data, tableOffsets[f]![t]!)
    })
  })
  return out
}

/** The sfnt of a bundled WOFF file. */
export function bundledSfnt(file: string): Uint8Array {
  return toSfnt(bundledFontFile(file))
}
