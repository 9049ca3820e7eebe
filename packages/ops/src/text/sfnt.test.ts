import { existsSync, readFileSync } from 'node:fs'
import { ImgError } from '@imgproc/types'
import { describe, expect, it } from 'vitest'
import { parseFont } from './font.js'
import { faceCount, fontContainer, toSfnt } from './sfnt.js'
import { bundledFontFile, bundledSfnt, makeCollection } from './node-sfnt.fixture.js'

const ARABIC = 'noto-sans-arabic-arabic-400-normal.woff'
const HEBREW = 'noto-sans-hebrew-hebrew-400-normal.woff'
const WQY = '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc'

function glyphCount(bytes: Uint8Array, index = 0): number {
  return parseFont(bytes, { index }).numGlyphs
}

describe('toSfnt', () => {
  it('inflates a WOFF file into an sfnt that opentype.js reads, with every table kept', () => {
    const woff = bundledFontFile(ARABIC)
    expect(fontContainer(woff)).toBe('woff')
    const sfnt = toSfnt(woff)
    expect(fontContainer(sfnt)).toBe('sfnt')
    // the WOFF header's table count and the sfnt's agree, and the font parses with all its glyphs
    const tables = new DataView(woff.buffer, woff.byteOffset).getUint16(12)
    expect(new DataView(sfnt.buffer).getUint16(4)).toBe(tables)
    expect(parseFont(sfnt).charToGlyphIndex('م')).toBeGreaterThan(0)
    expect(glyphCount(woff)).toBe(parseFont(sfnt).numGlyphs)
  })

  it('returns a plain sfnt as it is', () => {
    const sfnt = bundledSfnt(HEBREW)
    expect(toSfnt(sfnt)).toBe(sfnt)
    expect(faceCount(sfnt)).toBe(1)
  })

  it('copies any face out of a collection (a .ttc made of two fonts)', () => {
    const arabic = bundledSfnt(ARABIC)
    const hebrew = bundledSfnt(HEBREW)
    const ttc = makeCollection([arabic, hebrew])
    expect(fontContainer(ttc)).toBe('collection')
    expect(faceCount(ttc)).toBe(2)
    const first = parseFont(ttc)
    const second = parseFont(ttc, { index: 1 })
    expect(first.numGlyphs).toBe(parseFont(arabic).numGlyphs)
    expect(second.numGlyphs).toBe(parseFont(hebrew).numGlyphs)
    expect(first.charToGlyphIndex('م')).toBeGreaterThan(0)
    expect(second.charToGlyphIndex('ש')).toBeGreaterThan(0)
    expect(second.charToGlyphIndex('م')).toBe(0)
    expect(() => toSfnt(ttc, 2)).toThrow(/has 2 faces; face 2/)
  })

  it('refuses WOFF2, bytes that are no font, and a file cut short, as BadRequest', () => {
    const woff2 = new Uint8Array(64)
    woff2.set([0x77, 0x4f, 0x46, 0x32])
    expect(() => toSfnt(woff2)).toThrow(/WOFF2/)
    expect(() => toSfnt(new TextEncoder().encode('not a font at all'))).toThrow(ImgError)
    const cut = bundledFontFile(ARABIC).subarray(0, 5000)
    expect(() => toSfnt(cut)).toThrow(/damaged/)
    const ttc = makeCollection([bundledSfnt(HEBREW)])
    expect(() => toSfnt(ttc.subarray(0, ttc.length - 100))).toThrow(/damaged/)
  })
})

// Debian's WenQuanYi Zen Hei ships only as a collection (Zen Hei, Zen Hei Mono, Zen Hei Sharp)
describe.skipIf(!existsSync(WQY))('a system collection: wqy-zenhei.ttc', () => {
  it('reads each face and draws CJK from it', () => {
    const bytes = new Uint8Array(readFileSync(WQY))
    expect(faceCount(bytes)).toBeGreaterThanOrEqual(2)
    for (let index = 0; index < faceCount(bytes); index++) expect(parseFont(bytes, { index }).charToGlyphIndex('图')).toBeGreaterThan(0)
  })
})
if (!existsSync(WQY)) console.warn(`[ops sfnt] SKIPPED the system .ttc case: ${WQY} missing; install it with: apt-get install -y fonts-wqy-zenhei`)
