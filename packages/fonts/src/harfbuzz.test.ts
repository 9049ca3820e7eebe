import { toSfnt } from '@imgproc/ops'
import { describe, expect, it } from 'vitest'
import { loadHarfBuzz } from './harfbuzz.js'
import { readNodeAsset, useNodeFontAssets } from './node.js'

useNodeFontAssets()

async function shape(file: string, text: string, direction: 'ltr' | 'rtl') {
  const hb = await loadHarfBuzz()
  const sfnt = toSfnt(await readNodeAsset(file))
  const blob = hb.createBlob(sfnt.buffer.slice(sfnt.byteOffset, sfnt.byteOffset + sfnt.byteLength) as ArrayBuffer)
  const face = hb.createFace(blob, 0)
  const font = hb.createFont(face)
  const buffer = hb.createBuffer()
  try {
    buffer.addText(text)
    buffer.setDirection(direction)
    buffer.guessSegmentProperties()
    hb.shape(font, buffer)
    return { infos: buffer.getGlyphInfos(), positions: buffer.getGlyphPositions() }
  } finally {
    buffer.destroy()
    font.destroy()
    face.destroy()
    blob.destroy()
  }
}

describe('HarfBuzz (hb.wasm, instantiated without its JavaScript glue)', () => {
  it('starts once and shapes Latin left to right: one glyph per letter, clusters ascending, positive advances', async () => {
    expect(await loadHarfBuzz()).toBe(await loadHarfBuzz())
    const { infos, positions } = await shape('noto-sans-sc-latin-400-normal.woff', 'Tab', 'ltr')
    expect(infos.map((i) => i.cluster)).toEqual([0, 1, 2])
    expect(infos.every((i) => i.codepoint > 0)).toBe(true)
    expect(positions.every((p) => p.x_advance > 0 && p.y_advance === 0)).toBe(true)
  })

  it('shapes Arabic right to left in visual order with joined forms, and reads signed offsets', async () => {
    // Noto Sans Arabic draws beh as a dotless body plus a dot mark, so each letter is two glyphs
    const { infos, positions } = await shape('noto-sans-arabic-arabic-400-normal.woff', 'بب', 'rtl')
    expect(infos.map((i) => i.cluster)).toEqual([1, 1, 0, 0]) // visual order: the last letter first
    const bodies = infos.filter((_, i) => positions[i]!.x_advance > 0).map((i) => i.codepoint)
    expect(bodies).toHaveLength(2)
    expect(bodies[0]).not.toBe(bodies[1]) // final and initial forms
    // the dots sit below the baseline: a negative offset, read as signed
    expect(positions.filter((p) => p.x_advance === 0).every((p) => p.y_offset < 0)).toBe(true)
  })

  it('grows its memory for a large font and keeps working', async () => {
    const hb = await loadHarfBuzz()
    const big = hb.createBlob(new ArrayBuffer(64 * 1024 * 1024))
    big.destroy()
    expect((await shape('noto-sans-sc-latin-400-normal.woff', 'ok', 'ltr')).infos).toHaveLength(2)
  })
})
