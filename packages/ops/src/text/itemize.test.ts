import { describe, expect, it } from 'vitest'
import { parseFont } from './font.js'
import { itemize } from './itemize.js'
import { bundledFontFile } from './node-sfnt.fixture.js'

const latin = parseFont(bundledFontFile('noto-sans-sc-latin-400-normal.woff'))
const arabic = parseFont(bundledFontFile('noto-sans-arabic-arabic-400-normal.woff'))
const devanagari = parseFont(bundledFontFile('noto-sans-devanagari-devanagari-400-normal.woff'))
const fonts = [latin, arabic, devanagari]

/** The runs as [text, font, level, script], in visual order. */
function runs(text: string) {
  return itemize(fonts, text).map((run) => [text.slice(run.start, run.end), run.font === latin ? 'latin' : run.font === arabic ? 'arabic' : 'devanagari', run.level, run.script])
}

describe('itemize', () => {
  it('keeps a one-script line in one run at level 0', () => {
    expect(runs('Hello, world 42')).toEqual([['Hello, world 42', 'latin', 0, 'Latn']])
  })

  it('keeps an Arabic line whole (spaces stay in the Arabic font) at an odd level', () => {
    expect(runs('مرحبا بالعالم')).toEqual([['مرحبا بالعالم', 'arabic', 1, 'Arab']])
  })

  it('orders mixed directions visually: an Arabic phrase with digits inside a Latin line', () => {
    // logical: abc ␣ مرحبا ␣ 123 ␣ def. The Arabic word, the space after it and the number form
    // one right-to-left stretch, so the number is drawn left of the word (the Arabic font has
    // no ASCII digits: they come from the Latin font, at level 2 inside the level-1 stretch)
    expect(runs('abc مرحبا 123 def')).toEqual([
      ['abc ', 'latin', 0, 'Latn'],
      ['123', 'latin', 2, 'Latn'],
      ['مرحبا ', 'arabic', 1, 'Arab'],
      [' def', 'latin', 0, 'Latn'],
    ])
  })

  it('splits by font where a script changes, and keeps marks and joiners with their base', () => {
    // U+0947 and the virama U+094D are marks: they stay in the Devanagari run
    expect(runs('ab नमस्ते')).toEqual([
      ['ab ', 'latin', 0, 'Latn'],
      ['नमस्ते', 'devanagari', 0, 'Deva'],
    ])
    // ZWNJ between Arabic letters stays in the Arabic run
    expect(runs('لا\u200cلا')).toEqual([['لا\u200cلا', 'arabic', 1, 'Arab']])
  })

  it('gives a character no font has to the first font, and an empty line no runs', () => {
    expect(runs('\u{10FFFD}')).toEqual([['\u{10FFFD}', 'latin', 0, 'Zyyy']])
    expect(itemize(fonts, '')).toEqual([])
  })
})
