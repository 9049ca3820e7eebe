/**
 * Test helper: a PNG written by hand around the image data a test gives it, so a test can make
 * files no encoder would (an IHDR that lies about its size, a bomb of zeros).
 */
import { concatBytes } from '@imgproc/types'
import { crc32 } from './crc32.js'

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)

/** One PNG chunk: length, type, data, CRC. */
export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length)
  const view = new DataView(out.buffer)
  view.setUint32(0, data.length)
  out.set(new TextEncoder().encode(type), 4)
  out.set(data, 8)
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length))
  return out
}

/** An 8-bit grey PNG of `width` x `height` whose one IDAT chunk is `zlibData`, as given. */
export function greyPngAround(width: number, height: number, zlibData: Uint8Array): Uint8Array {
  const header = new Uint8Array(13)
  const view = new DataView(header.buffer)
  view.setUint32(0, width)
  view.setUint32(4, height)
  header[8] = 8 // bit depth; colour type 0 (grey)
  return concatBytes([SIGNATURE, pngChunk('IHDR', header), pngChunk('IDAT', zlibData), pngChunk('IEND', new Uint8Array())])
}
