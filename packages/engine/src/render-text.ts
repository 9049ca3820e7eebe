/**
 * Text watermarks drawn with @imgproc/ops' text renderer (opentype.js and the rasteriser, ~250 KB
 * of script) and shaped by HarfBuzz (@imgproc/fonts, ~400 KB of WebAssembly). ops-pixels.ts
 * imports this module on the first text watermark, so an engine whose processes never draw text
 * never loads them.
 */
import { createHarfBuzzShaper, needsShaping, parseFont, renderText, type Font, type Shaper } from '@imgproc/ops'
import type { RawImage } from '@imgproc/types'
import type { TextSpec } from './pixels.js'

let shaper: Promise<Shaper> | undefined

/** HarfBuzz (from @imgproc/fonts, with its WebAssembly), started once; a failure is not remembered. */
function loadShaper(): Promise<Shaper> {
  shaper ??= import('@imgproc/fonts')
    .then(({ loadHarfBuzz }) => loadHarfBuzz())
    .then(createHarfBuzzShaper)
    .catch((error: unknown) => {
      shaper = undefined
      throw error
    })
  return shaper
}

/**
 * The shaper for `text`. Where HarfBuzz cannot start (a Worker not handed hb.wasm), text that
 * draws right glyph by glyph (Latin, CJK) still does; text that needs shaping fails with the
 * reason rather than come out unjoined or backwards.
 */
async function shaperFor(text: string): Promise<Shaper | undefined> {
  try {
    return await loadShaper()
  } catch (error) {
    if (needsShaping(text)) throw error
    return undefined
  }
}

/**
 * The fonts of a spec, parsed (parseFont caches per byte array). A font that cannot be read (a
 * damaged file in a font folder) is left out while another remains, so the next font draws its
 * characters; with none readable, the first one's error is thrown.
 */
function readable(spec: TextSpec): Font[] {
  const fonts: Font[] = []
  let failure: unknown
  for (const bytes of [spec.font, ...(spec.fallbacks ?? [])]) {
    try {
      fonts.push(parseFont(bytes))
    } catch (error) {
      failure ??= error
    }
  }
  if (fonts.length === 0) throw failure
  return fonts
}

/**
 * OSS text watermark -> ops renderText, shaped by HarfBuzz. The shadow offset is UNCONFIRMED
 * (spec 2.14): we draw it one twentieth of the font size (at least 1 px) to the right and down,
 * black, at `shadow`% opacity.
 */
export async function renderTextSpec(spec: TextSpec): Promise<RawImage> {
  const offset = Math.max(1, Math.round(spec.size / 20))
  const shaper = await shaperFor(spec.text)
  const [font, ...fallbacks] = readable(spec)
  return renderText(spec.text, {
    font: font!,
    fallbacks,
    size: spec.size,
    color: spec.color,
    rotate: spec.rotate,
    shadow: spec.shadow > 0 ? { dx: offset, dy: offset, opacity: spec.shadow / 100 } : null,
    ...(shaper ? { shaper } : {}),
  })
}
