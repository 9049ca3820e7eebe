/**
 * Legal-size decompression bombs, made byte by byte: under every declared limit (225 Mpx < 250
 * Mpx, 15000 < 30000 per side), tiny on disk, enormous once decoded.
 */
import { deflateSync } from 'node:zlib'
import { greyPngAround } from '@imgproc/codecs/testing'

/** A `side` x `side` 8-bit grey PNG of zeros: about 218 KB at 15000 (deflate tops out near 1032:1). */
export function pngBomb(side = 15_000): Uint8Array {
  const raw = new Uint8Array(side * (side + 1)) // a filter byte (0) and `side` zero pixels per row
  return greyPngAround(side, side, deflateSync(raw, { level: 9 }))
}

/** A GIF whose logical screen is `side` x `side` around one 1x1 frame: a few dozen bytes. */
export function gifScreenBomb(side = 15_000): Uint8Array {
  const le = (n: number) => [n & 0xff, n >> 8]
  return Uint8Array.of(
    ...new TextEncoder().encode('GIF89a'),
    ...le(side), ...le(side), 0x80, 0, 0, // screen, global colour table of 2 entries
    0, 0, 0, 255, 255, 255,
    0x2c, ...le(0), ...le(0), ...le(1), ...le(1), 0, // image descriptor: 1x1 at (0,0)
    2, 2, 0x4c, 0x01, 0, // LZW: min code size 2, clear, index 1... end
    0x3b,
  )
}
