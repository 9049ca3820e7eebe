import { ImgError } from '@imgproc/types'
import * as opentypeModule from 'opentype.js'
import { toSfnt } from './sfnt.js'

/** A parsed font (opentype.js). Parsing a CJK font takes tens of milliseconds, so it is cached. */
export type Font = opentypeModule.Font

/**
 * opentype.js's `parse`, however the runtime loaded the package: its ESM build (bundlers follow
 * "module": named exports only, no default, so a default import breaks Vite/rollup) or its UMD
 * build (Node follows "main": a CommonJS module, whose exports arrive as `default`).
 */
const opentype: { parse: typeof opentypeModule.parse } =
  typeof opentypeModule.parse === 'function' ? opentypeModule : (opentypeModule as unknown as { default: typeof opentypeModule }).default

export interface ParseFontOptions {
  /** face of a .ttc/.otc collection; default 0 (the first) */
  index?: number
}

/** Parsed fonts per byte array, one per face index. */
const parsed = new WeakMap<Uint8Array, Map<number, Font>>()
/** The sfnt bytes each font was parsed from: the shaper hands the same file to HarfBuzz. */
const sfntOf = new WeakMap<Font, Uint8Array>()

/**
 * Parses a font: TrueType/OpenType (.ttf/.otf), a face of a collection (.ttc/.otc) or WOFF 1.0,
 * memoised per byte array and face. Every container is first turned into a plain sfnt (sfnt.ts).
 */
export function parseFont(bytes: Uint8Array, options: ParseFontOptions = {}): Font {
  const index = options.index ?? 0
  let faces = parsed.get(bytes)
  const cached = faces?.get(index)
  if (cached) return cached
  const sfnt = toSfnt(bytes, index)
  let font: Font
  try {
    // lowMemory: glyphs are read when first drawn, not all up front (a 45 000-glyph CJK face
    // parses in ~0.4 s instead of ~2.8 s; a watermark draws a handful of glyphs)
    font = opentype.parse(sfnt.buffer.slice(sfnt.byteOffset, sfnt.byteOffset + sfnt.byteLength) as ArrayBuffer, { lowMemory: true })
  } catch (cause) {
    throw new ImgError('BadRequest', `The font could not be read (${(cause as Error).message})`, { cause })
  }
  if (!font.supported) throw new ImgError('BadRequest', 'The font has no outlines this renderer supports')
  if (!faces) parsed.set(bytes, (faces = new Map()))
  faces.set(index, font)
  sfntOf.set(font, sfnt)
  return font
}

/** The sfnt file a font came from (for the shaper); undefined for fonts not made by parseFont. */
export function fontFile(font: Font): Uint8Array | undefined {
  return sfntOf.get(font)
}
