import type { Font } from './font.js'
import type { Shaper } from './shaper.js'

/** Layout box of one line of text at a pixel size, in pixels. */
export interface TextMetrics {
  /** advance width of the whole line (kerning applied) */
  width: number
  /** distance from the top of the line box to the baseline (the primary font's ascender) */
  ascent: number
  /** distance from the baseline to the bottom of the line box (positive) */
  descent: number
  /** ascent + descent */
  height: number
}

/** One placed glyph: which font drew it and its pen position (pixels, from the line start). */
export interface PlacedGlyph {
  font: Font
  glyph: ReturnType<Font['charToGlyph']>
  x: number
  /** downward offset from the baseline (a shaper's mark positioning); default 0 */
  y?: number
}

/**
 * Lays out one line (no wrapping: OSS text watermarks have no line breaks). With a `shaper`
 * (shaper.ts) the text is shaped. Without one, each character takes its default glyph from the
 * first font that has it: `fonts[0]` first, then the fallbacks (a CJK font without Latin letters
 * plus a Latin font, for example); a character no font has gets the primary font's .notdef box;
 * kerning applies between neighbours drawn by the same font; nothing joins or reorders.
 */
export function layoutLine(fonts: readonly Font[], text: string, size: number, shaper?: Shaper): { glyphs: PlacedGlyph[]; metrics: TextMetrics } {
  if (shaper) return shaper.layout(fonts, text, size)
  const primary = fonts[0]!
  const glyphs: PlacedGlyph[] = []
  let x = 0
  let previous: PlacedGlyph | undefined
  for (const char of text) {
    let font = primary
    for (const candidate of fonts) {
      if (candidate.charToGlyphIndex(char) > 0) {
        font = candidate
        break
      }
    }
    const glyph = font.charToGlyph(char)
    const scale = size / font.unitsPerEm
    if (previous && previous.font === font) x += font.getKerningValue(previous.glyph, glyph) * scale
    const placed = { font, glyph, x }
    glyphs.push(placed)
    x += (glyph.advanceWidth ?? 0) * scale
    previous = placed
  }
  const scale = size / primary.unitsPerEm
  const ascent = primary.ascender * scale
  const descent = -primary.descender * scale
  return { glyphs, metrics: { width: x, ascent, descent, height: ascent + descent } }
}

/** Measures one line of text (see layoutLine for the font fallback rule). */
export function measureText(font: Font, text: string, size: number, fallbacks: readonly Font[] = [], shaper?: Shaper): TextMetrics {
  return layoutLine([font, ...fallbacks], text, size, shaper).metrics
}
