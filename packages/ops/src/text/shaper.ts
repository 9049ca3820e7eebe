import { ImgError } from '@imgproc/types'
import { fontFile, type Font } from './font.js'
import { itemize } from './itemize.js'
import type { PlacedGlyph, TextMetrics } from './measure.js'

/**
 * Turns a line of text into positioned glyphs. Without one, `layoutLine` places each
 * character's default glyph one after the other (enough for Latin and CJK); with one, text is
 * shaped: Arabic joins, Devanagari and Thai reorder and stack, right-to-left runs run right to left.
 */
export interface Shaper {
  layout(fonts: readonly Font[], text: string, size: number): { glyphs: PlacedGlyph[]; metrics: TextMetrics }
}

/**
 * The HarfBuzz calls the shaper makes (named as in harfbuzzjs' wrapper), typed here so that ops
 * depends on no WebAssembly: `@imgproc/fonts`' `loadHarfBuzz()` gives one.
 */
export interface HarfBuzz {
  createBlob(bytes: ArrayBuffer): HbObject
  createFace(blob: HbObject, index: number): HbObject
  createFont(face: HbObject): HbObject
  createBuffer(): HbBuffer
  shape(font: HbObject, buffer: HbBuffer, features?: string): void
}
export interface HbObject {
  destroy(): void
}
export interface HbBuffer extends HbObject {
  addText(text: string, itemOffset?: number, itemLength?: number | null): void
  setDirection(direction: 'ltr' | 'rtl'): void
  setScript(script: string): void
  guessSegmentProperties(): void
  setClusterLevel(level: number): void
  getGlyphInfos(): Array<{ codepoint: number; cluster: number }>
  getGlyphPositions(): Array<{ x_advance: number; y_advance: number; x_offset: number; y_offset: number }>
}

interface HbHandles {
  blob: HbObject
  face: HbObject
  font: HbObject
}

/**
 * A shaper over HarfBuzz. Glyph ids come from HarfBuzz and outlines from opentype.js, both
 * reading the same sfnt file (parseFont keeps it), so the ids agree. Positions are in font
 * units (a HarfBuzz font's default scale is its units per em) and scaled here.
 */
export function createHarfBuzzShaper(hb: HarfBuzz): Shaper {
  const handles = new WeakMap<Font, HbHandles>()
  // HarfBuzz objects live in WebAssembly memory: free them when their font is collected
  const release = new FinalizationRegistry<HbHandles>(({ blob, face, font }) => {
    font.destroy()
    face.destroy()
    blob.destroy()
  })
  const hbFont = (font: Font): HbObject => {
    let h = handles.get(font)
    if (!h) {
      const file = fontFile(font)
      if (!file) throw new ImgError('InvalidArgument', 'The shaper needs fonts made by parseFont (it reads their file)')
      const blob = hb.createBlob(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer)
      const face = hb.createFace(blob, 0)
      h = { blob, face, font: hb.createFont(face) }
      handles.set(font, h)
      release.register(font, h)
    }
    return h.font
  }

  return {
    layout(fonts, text, size) {
      const primary = fonts[0]!
      const glyphs: PlacedGlyph[] = []
      let x = 0
      for (const run of itemize(fonts, text)) {
        const buffer = hb.createBuffer()
        try {
          // the whole line goes in as context, so joining at a run's edges is decided right
          buffer.addText(text, run.start, run.end - run.start)
          buffer.setDirection(run.level % 2 === 1 ? 'rtl' : 'ltr')
          if (run.script) buffer.setScript(run.script)
          buffer.guessSegmentProperties()
          hb.shape(hbFont(run.font), buffer)
          const infos = buffer.getGlyphInfos()
          const positions = buffer.getGlyphPositions()
          const scale = size / run.font.unitsPerEm
          infos.forEach((info, i) => {
            const p = positions[i]!
            glyphs.push({ font: run.font, glyph: run.font.glyphs.get(info.codepoint), x: x + p.x_offset * scale, y: -p.y_offset * scale })
            x += p.x_advance * scale
          })
        } finally {
          buffer.destroy()
        }
      }
      const scale = size / primary.unitsPerEm
      const ascent = primary.ascender * scale
      const descent = -primary.descender * scale
      return { glyphs, metrics: { width: x, ascent, descent, height: ascent + descent } }
    },
  }
}
