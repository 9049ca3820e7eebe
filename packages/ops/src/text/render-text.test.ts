import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createNodeFontProvider, LATIN_FALLBACK_FONT } from './node-font-provider.js'
import { parseFont } from './font.js'
import { measureText } from './measure.js'
import { renderText } from './render-text.js'

const FONT = '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf'
const hasFont = existsSync(FONT)
if (!hasFont) console.warn(`[ops text] SKIPPED: ${FONT} missing; install it with: apt-get install -y fonts-droid-fallback`)

const BLACK = { r: 0, g: 0, b: 0, a: 255 }

function inkOf(data: Uint8ClampedArray): number {
  let ink = 0
  for (let i = 3; i < data.length; i += 4) ink += data[i]!
  return ink / 255
}

describe.skipIf(!hasFont)('renderText with Droid Sans Fallback', async () => {
  const bytes = hasFont ? await createNodeFontProvider().load('droidsansfallback') : null
  const font = bytes ? parseFont(bytes) : (null as never)
  const latinBytes = hasFont ? await createNodeFontProvider().load(LATIN_FALLBACK_FONT) : null
  const fallbacks = latinBytes ? [parseFont(latinBytes)] : []

  it('every OSS font name resolves to a font file; unknown names give null', async () => {
    const provider = createNodeFontProvider()
    for (const name of ['wqy-zenhei', 'wqy-microhei', 'fangzhengshusong', 'fangzhengkaiti', 'fangzhengheiti', 'fangzhengfangsong', 'droidsansfallback'])
      expect((await provider.load(name))?.length).toBeGreaterThan(1000)
    expect(await provider.load('no-such-font')).toBeNull()
  })

  it('renders CJK and Latin with ink inside a canvas as large as the measured line', () => {
    const metrics = measureText(font, '图片处理 imgproc', 40, fallbacks)
    const image = renderText('图片处理 imgproc', { font, fallbacks, size: 40, color: { r: 255, g: 0, b: 0, a: 255 } })
    expect(image.width).toBeGreaterThanOrEqual(Math.floor(metrics.width))
    expect(image.height).toBeGreaterThanOrEqual(Math.floor(metrics.height))
    expect(image.height).toBeLessThan(metrics.height + 4)
    const ink = inkOf(image.data)
    expect(ink).toBeGreaterThan(image.width * image.height * 0.08)
    // the colour is the requested one wherever there is ink
    for (let i = 0; i < image.data.length; i += 4) if (image.data[i + 3]! > 0) expect(image.data[i]).toBe(255)
    // a CJK glyph is not the empty .notdef box: its ink differs from a missing glyph's
    const missing = renderText('\u{10FFFD}', { font, size: 40, color: BLACK })
    expect(inkOf(renderText('图', { font, size: 40, color: BLACK }).data)).not.toBeCloseTo(inkOf(missing.data), 0)
  })

  it('takes Latin letters from the fallback font when the CJK font lacks them', () => {
    expect(font.charToGlyphIndex('a')).toBe(0) // Droid Sans Fallback has no Latin letters
    if (fallbacks.length === 0) return console.warn('[ops text] no Latin fallback font (fonts-dejavu-core); Latin case skipped')
    const boxes = inkOf(renderText('ii', { font, size: 40, color: BLACK }).data)
    const letters = inkOf(renderText('ii', { font, fallbacks, size: 40, color: BLACK }).data)
    expect(letters).toBeLessThan(boxes) // two thin i's carry less ink than two .notdef boxes
    expect(measureText(font, 'ii', 40, fallbacks).width).toBeLessThan(measureText(font, 'ii', 40).width)
  })

  it('scales ink with the square of the size', () => {
    const small = inkOf(renderText('水印', { font, size: 20, color: BLACK }).data)
    const large = inkOf(renderText('水印', { font, size: 80, color: BLACK }).data)
    expect(large / small).toBeGreaterThan(12)
    expect(large / small).toBeLessThan(20)
  })

  it('rotates the outlines: 90 degrees swaps the canvas sides and keeps the ink', () => {
    const flat = renderText('测试', { font, size: 30, color: BLACK })
    const turned = renderText('测试', { font, size: 30, color: BLACK, rotate: 90 })
    expect(Math.abs(turned.width - flat.height)).toBeLessThanOrEqual(2)
    expect(Math.abs(turned.height - flat.width)).toBeLessThanOrEqual(2)
    expect(inkOf(turned.data) / inkOf(flat.data)).toBeCloseTo(1, 1)
  })

  it('opacity scales the alpha; a shadow adds ink offset down-right; size 0 is refused', () => {
    const full = inkOf(renderText('字', { font, size: 30, color: BLACK }).data)
    expect(inkOf(renderText('字', { font, size: 30, color: BLACK, opacity: 0.5 }).data) / full).toBeCloseTo(0.5, 1)
    expect(inkOf(renderText('字', { font, size: 30, color: BLACK, opacity: 0 }).data)).toBe(0)
    const plain = renderText('字', { font, size: 30, color: BLACK })
    const shadowed = renderText('字', { font, size: 30, color: BLACK, shadow: { dx: 2, dy: 2, opacity: 0.5 } })
    expect([shadowed.width, shadowed.height]).toEqual([plain.width + 2, plain.height + 2])
    expect(inkOf(shadowed.data)).toBeGreaterThan(full)
    expect(() => renderText('x', { font, size: 0, color: BLACK })).toThrow(/font size/)
    expect(() => renderText('x', { font, size: 10, color: BLACK, rotate: Number.NaN })).toThrow(/finite rotation/)
    expect(() => renderText('图'.repeat(64), { font, size: 4000, color: BLACK })).toThrow(expect.objectContaining({ code: 'ImageTooLarge' }))
  })
})

describe('parseFont', () => {
  it('refuses bytes that are not a font with a typed error', () => {
    expect(() => parseFont(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow(expect.objectContaining({ code: 'BadRequest' }))
  })
})
