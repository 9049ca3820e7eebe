import { createHarfBuzzShaper, parseFont, renderText, toSfnt } from '@imgproc/ops'
import { describe, expect, it } from 'vitest'
import { loadHarfBuzz } from './harfbuzz.js'
import { readNodeAsset, useNodeFontAssets } from './node.js'
import { compareInk, coverageOf, HB_VIEW_MISSING, hbView, inkMatches } from './node-shaping.fixture.js'

useNodeFontAssets()
const BLACK = { r: 0, g: 0, b: 0, a: 255 }
const SIZE = 48

async function draw(file: string, text: string) {
  const bytes = await readNodeAsset(file)
  const font = parseFont(bytes)
  const shaper = createHarfBuzzShaper(await loadHarfBuzz())
  return {
    shaped: coverageOf(renderText(text, { font, size: SIZE, color: BLACK, shaper })),
    unshaped: coverageOf(renderText(text, { font, size: SIZE, color: BLACK })),
    reference: await hbView(toSfnt(bytes), text, SIZE),
  }
}

if (HB_VIEW_MISSING) console.warn('[fonts shaping] SKIPPED: hb-view missing; install it with: apt-get install -y libharfbuzz-bin')

describe.skipIf(HB_VIEW_MISSING)('shaped text against HarfBuzz hb-view, the same font and size', () => {
  for (const [script, file, text] of [
    ['Arabic (joined forms, right to left)', 'noto-sans-arabic-arabic-400-normal.woff', 'مرحبا بالعالم'],
    ['Devanagari (conjuncts, reordered vowel signs)', 'noto-sans-devanagari-devanagari-400-normal.woff', 'नमस्ते हिन्दी किताब'],
    ['Hebrew (right to left)', 'noto-sans-hebrew-hebrew-400-normal.woff', 'שלום עולם'],
  ] as const) {
    it(`${script}: the ink matches; the unshaped drawing does not`, async () => {
      const { shaped, unshaped, reference } = await draw(file, text)
      const good = compareInk(shaped, reference)
      const bad = compareInk(unshaped, reference)
      // same box within anti-aliasing, and the ink in the same places
      expect(inkMatches(good), JSON.stringify(good)).toBe(true)
      // the comparison has teeth: the letters one by one, left to right, fail it, and not only by their box
      expect(inkMatches(bad), JSON.stringify(bad)).toBe(false)
      expect(bad.agreement, JSON.stringify(bad)).toBeLessThan(0.85)
    })
  }
})
