import { provideFontAssets, bundledFontsFor } from '@imgproc/fonts'
import { readNodeAsset } from '@imgproc/fonts/node'
import { describe, expect, it } from 'vitest'
import { renderTextSpec } from './render-text.js'
import type { TextSpec } from './pixels.js'

async function spec(text: string): Promise<TextSpec> {
  const [font, ...fallbacks] = await bundledFontsFor(text, 'wqy-zenhei')
  return { text, fontName: 'wqy-zenhei', font: font!, fallbacks, size: 40, color: { r: 0, g: 0, b: 0, a: 255 }, shadow: 0, rotate: 0 }
}

// One file, in this order: HarfBuzz is started once per process and kept.
describe('text watermarks are shaped (HarfBuzz from @imgproc/fonts)', () => {
  it('without HarfBuzz, Latin and CJK still draw; text that needs shaping fails with the reason instead of drawing wrong', async () => {
    provideFontAssets({ 'hb.wasm': new Uint8Array([0, 1, 2, 3]) })
    expect((await renderTextSpec(await spec('Hello 图片'))).width).toBeGreaterThan(100)
    await expect(renderTextSpec(await spec('مرحبا'))).rejects.toMatchObject({ code: 'NotImplemented', message: expect.stringMatching(/hb\.wasm/) })
  })

  it('with HarfBuzz, Arabic is joined and drawn right to left: narrower than its letters one by one', async () => {
    provideFontAssets({ 'hb.wasm': await readNodeAsset('hb.wasm') })
    const shaped = await renderTextSpec(await spec('مرحبا بالعالم'))
    // at 40 px the joined line is ~193 px wide (hb-view draws the same font the same width:
    // @imgproc/fonts' shaping test); the isolated letters side by side take ~272 px
    expect(shaped.width).toBeGreaterThan(185)
    expect(shaped.width).toBeLessThan(205)
  })
})

describe('fonts that cannot be read', () => {
  it('are skipped while another font remains; with none left, the error says why', async () => {
    const damaged = Uint8Array.of(0, 1, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0) // an sfnt header promising 9 tables, and nothing more
    const good = await spec('Hello')
    expect((await renderTextSpec({ ...good, font: damaged, fallbacks: [good.font] })).width).toBeGreaterThan(50)
    await expect(renderTextSpec({ ...good, font: damaged, fallbacks: [] })).rejects.toMatchObject({ code: 'BadRequest' })
  })
})
