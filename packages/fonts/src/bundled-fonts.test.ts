import { existsSync, statSync } from 'node:fs'
import { parseFont } from '@imgproc/ops'
import { FONTS } from '@imgproc/grammar'
import { describe, expect, it } from 'vitest'
import { bundledFaceFor, bundledFamilies, bundledFilesFor, bundledFontsFor, OSS_FONT_FAMILIES } from './bundled-fonts.js'
import { decodeCodePoints, rangesHave } from './code-points.js'
import { bundledAssetPath, readNodeAsset, useNodeFontAssets } from './node.js'

useNodeFontAssets()

const files = (text: string, name = 'wqy-zenhei') => bundledFilesFor(text, name).map((face) => face.file)

describe('the bundled fonts', () => {
  it('map every OSS font name (spec 2.14) to Noto Sans SC', () => {
    expect(Object.keys(OSS_FONT_FAMILIES).sort()).toEqual([...FONTS].sort())
    for (const name of FONTS) expect(OSS_FONT_FAMILIES[name]).toBe('Noto Sans SC')
  })

  it('read only the files a text needs: one for English, the slices its characters fall in for Chinese', () => {
    expect(files('Hello, world!')).toEqual(['noto-sans-sc-latin-400-normal.woff'])
    const chinese = files('图片服务')
    expect(chinese.length).toBeGreaterThanOrEqual(1)
    expect(chinese.length).toBeLessThanOrEqual(4)
    for (const file of chinese) expect(file).toMatch(/^noto-sans-sc-\d+-400-normal\.woff$/)
    expect(files('Hello 图片服务!').slice(0, 1)).toEqual(['noto-sans-sc-latin-400-normal.woff'])
  })

  it('add the script families after the named one: Arabic, Hebrew, Devanagari, Thai', () => {
    expect(files('مرحبا')).toEqual(['noto-sans-arabic-arabic-400-normal.woff'])
    expect(files('abc שלום')).toEqual(['noto-sans-sc-latin-400-normal.woff', 'noto-sans-hebrew-hebrew-400-normal.woff'])
    expect(files('नमस्ते')).toEqual(['noto-sans-devanagari-devanagari-400-normal.woff'])
    expect(files('สวัสดี')).toEqual(['noto-sans-thai-thai-400-normal.woff'])
    expect(bundledFaceFor(0x0627)?.file).toBe('noto-sans-arabic-arabic-400-normal.woff')
  })

  it("give the named family's first file when no bundled font has a character (drawn as .notdef)", () => {
    expect(files('\u{10FFFD}', 'no-such-font')).toEqual(['noto-sans-sc-latin-400-normal.woff'])
  })

  it("are all on disk at the catalog's sizes, under 4 MB together", () => {
    let total = 0
    for (const family of bundledFamilies()) {
      expect(family.licence).toBe('OFL-1.1')
      for (const face of family.faces) {
        const path = bundledAssetPath(face.file)
        expect(existsSync(path), path).toBe(true)
        expect(statSync(path).size).toBe(face.bytes)
        total += face.bytes
      }
    }
    expect(total).toBeLessThan(4 * 1024 * 1024)
  })

  it('cmaps agree with the catalog (a sample of files, every code point)', async () => {
    const sample = bundledFamilies().flatMap((family) => [family.faces[0]!, family.faces.at(-1)!])
    for (const face of sample) {
      const font = parseFont(await readNodeAsset(face.file))
      const mapped = Object.keys((font.tables.cmap as unknown as { glyphIndexMap: Record<string, number> }).glyphIndexMap).map(Number)
      const ranges = decodeCodePoints(face.codePoints)
      let listed = 0
      for (let i = 0; i < ranges.length; i += 2) listed += ranges[i + 1]! - ranges[i]! + 1
      expect(mapped.length).toBe(listed)
      for (const cp of mapped) expect(rangesHave(ranges, cp)).toBe(true)
    }
  })

  it('hand out the same bytes for the same file (parsed fonts are cached by byte array)', async () => {
    const [first] = await bundledFontsFor('Hi')
    const [again] = await bundledFontsFor('Ho')
    expect(again).toBe(first)
  })
})
