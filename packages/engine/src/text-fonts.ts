/**
 * Which fonts draw a text watermark. Three sources, tried per character in this order:
 *  1. `fonts` (the caller's: a font folder, a file given on the command line, a record): the
 *     font for the watermark's `type_` name, then its `latin-sans` font;
 *  2. the bundled fonts (@imgproc/fonts, on by default): the files that hold the text's
 *     characters, read by code point, so a watermark draws with no font installed anywhere;
 *  3. `fallbackFonts` (Node: the system's fonts), for characters neither has.
 * The first font found is the primary one (its ascent and descent make the line box).
 */
import { ImgError } from '@imgproc/types'

/** Resolves a font name (one of the seven OSS names) to font bytes; null = this source lacks it. */
export type FontSource = (name: string) => Promise<Uint8Array | null> | Uint8Array | null

/** What an engine option accepts as fonts: a function, a record by name, or an ops FontProvider. */
export type FontInput = FontSource | Readonly<Record<string, Uint8Array>> | { load(name: string): Promise<Uint8Array | null> }

/** The font name asked of a source for Latin characters its CJK font lacks (Droid Sans Fallback has none). */
export const LATIN_FALLBACK = 'latin-sans'

/** The fonts (bytes) that draw `text` for OSS font `name`, in the order to try them; [] when no source has any. */
export type TextFonts = (name: string, text: string) => Promise<Uint8Array[]>

/** No fonts at all (every text watermark is NotImplemented). */
export const NO_TEXT_FONTS: TextFonts = async () => []

export function toFontSource(input: FontInput | undefined): FontSource | undefined {
  if (input === undefined) return undefined
  if (typeof input === 'function') return input
  if (typeof input.load === 'function') return (name) => (input as { load(name: string): Promise<Uint8Array | null> }).load(name)
  return (name) => (input as Readonly<Record<string, Uint8Array>>)[name] ?? null
}

export interface TextFontsOptions {
  fonts?: FontSource
  /** use @imgproc/fonts; default true */
  bundled?: boolean
  fallback?: FontSource
}

async function named(source: FontSource | undefined, name: string): Promise<Uint8Array[]> {
  if (!source) return []
  const found = await Promise.all([source(name), source(LATIN_FALLBACK)])
  return found.filter((bytes): bytes is Uint8Array => bytes !== null && bytes !== undefined)
}

export function createTextFonts(options: TextFontsOptions): TextFonts {
  return async (name, text) => {
    const [chosen, fallback] = await Promise.all([named(options.fonts, name), named(options.fallback, name)])
    let bundled: Uint8Array[] = []
    if (options.bundled ?? true) {
      try {
        bundled = await (await import('@imgproc/fonts')).bundledFontsFor(text, name)
      } catch (error) {
        // the bundled files cannot be read here (a Worker not handed them, a bundle without
        // them): the caller's fonts may still draw the text; without any, say why
        if (chosen.length === 0 && fallback.length === 0) throw error
      }
    }
    return [...new Set([...chosen, ...bundled, ...fallback])]
  }
}

/** The error for a watermark no font can draw. */
export function noFontFor(name: string): ImgError {
  return new ImgError('NotImplemented', `No font can draw this text as ${name} here: give createEngine a fonts source, or keep the bundled fonts on.`)
}
