import { ImgError } from '@imgproc/types'
import opentype from 'opentype.js'

/** A parsed font (opentype.js). Parsing a CJK font takes tens of milliseconds, so it is cached. */
export type Font = opentype.Font

const parsed = new WeakMap<Uint8Array, Font>()

/**
 * Parses TrueType/OpenType (.ttf/.otf, also WOFF) bytes with opentype.js, memoised per byte array.
 * Collections (.ttc) are not read by opentype.js: use a single-font file.
 */
export function parseFont(bytes: Uint8Array): Font {
  const cached = parsed.get(bytes)
  if (cached) return cached
  let font: Font
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
    font = opentype.parse(buffer)
  } catch (cause) {
    throw new ImgError('BadRequest', 'Expected TrueType or OpenType font bytes (a .ttc collection is not supported)', { cause })
  }
  if (!font.supported) throw new ImgError('BadRequest', 'The font has no outlines this renderer supports')
  parsed.set(bytes, font)
  return font
}
