import bidiFactory from 'bidi-js'
import type { Font } from './font.js'

/**
 * Splits one line into the runs a shaper takes one at a time: each run has one font, one script
 * and one bidi embedding level, and the runs come back in visual (left-to-right) order, as the
 * Unicode Bidirectional Algorithm (bidi-js) places them. Indices are UTF-16 offsets into the line.
 */
export interface TextRun {
  start: number
  end: number
  font: Font
  /** ISO 15924 tag for HarfBuzz (`Arab`, `Deva`, ...); undefined: let the shaper guess */
  script: string | undefined
  /** odd: right to left */
  level: number
}

let bidi: ReturnType<typeof bidiFactory> | undefined

/** Scripts told apart so that one run never mixes two (a font covering Latin and Arabic, say). */
const SCRIPTS: ReadonlyArray<readonly [string, RegExp]> = [
  ['Latn', /\p{Script=Latin}/u], ['Hani', /\p{Script=Han}/u], ['Arab', /\p{Script=Arabic}/u], ['Hebr', /\p{Script=Hebrew}/u],
  ['Deva', /\p{Script=Devanagari}/u], ['Thai', /\p{Script=Thai}/u], ['Cyrl', /\p{Script=Cyrillic}/u], ['Grek', /\p{Script=Greek}/u],
  ['Hira', /\p{Script=Hiragana}/u], ['Kana', /\p{Script=Katakana}/u], ['Hang', /\p{Script=Hangul}/u], ['Beng', /\p{Script=Bengali}/u],
  ['Guru', /\p{Script=Gurmukhi}/u], ['Gujr', /\p{Script=Gujarati}/u], ['Orya', /\p{Script=Oriya}/u], ['Taml', /\p{Script=Tamil}/u],
  ['Telu', /\p{Script=Telugu}/u], ['Knda', /\p{Script=Kannada}/u], ['Mlym', /\p{Script=Malayalam}/u], ['Sinh', /\p{Script=Sinhala}/u],
  ['Laoo', /\p{Script=Lao}/u], ['Tibt', /\p{Script=Tibetan}/u], ['Mymr', /\p{Script=Myanmar}/u], ['Khmr', /\p{Script=Khmer}/u],
  ['Syrc', /\p{Script=Syriac}/u], ['Thaa', /\p{Script=Thaana}/u], ['Armn', /\p{Script=Armenian}/u], ['Geor', /\p{Script=Georgian}/u],
  ['Ethi', /\p{Script=Ethiopic}/u],
]
/** Characters that belong to whatever script surrounds them (spaces, digits, punctuation, marks). */
const NEUTRAL = /^[\p{Script=Common}\p{Script=Inherited}]$/u
/** Characters that attach to the one before: marks, joiners, variation selectors. */
const ATTACHED = /^[\p{M}\u200c\u200d\ufe00-\ufe0f\u{e0100}-\u{e01ef}]$/u

function scriptOf(char: string): string | undefined {
  if (NEUTRAL.test(char)) return undefined
  for (const [tag, pattern] of SCRIPTS) if (pattern.test(char)) return tag
  return 'Zyyy' // a script not listed: its own runs, HarfBuzz guesses the details
}

/**
 * The font for each character: letters take the first font that has them (the caller's order is
 * its preference); neutral characters (spaces, digits, punctuation) stay in the font of the run
 * they sit in when it has them, so a run is not broken by a space; attached characters (marks,
 * joiners) always stay with their base. A character no font has takes the first font's .notdef.
 */
function fontRuns(fonts: readonly Font[], text: string): Array<{ start: number; end: number; font: Font; script: string | undefined }> {
  const runs: Array<{ start: number; end: number; font: Font; script: string | undefined }> = []
  let i = 0
  for (const char of text) {
    const previous = runs[runs.length - 1]
    const script = scriptOf(char)
    let font: Font | undefined
    if (previous && ATTACHED.test(char)) font = previous.font
    else if (previous && script === undefined && previous.font.charToGlyphIndex(char) > 0) font = previous.font
    else font = fonts.find((candidate) => candidate.charToGlyphIndex(char) > 0) ?? fonts[0]!
    if (previous && previous.font === font && (script === undefined || previous.script === undefined || previous.script === script)) {
      previous.end = i + char.length
      previous.script ??= script
    } else {
      runs.push({ start: i, end: i + char.length, font, script })
    }
    i += char.length
  }
  return runs
}

/** The runs of `text` in visual order (see TextRun). */
export function itemize(fonts: readonly Font[], text: string): TextRun[] {
  if (text.length === 0) return []
  bidi ??= bidiFactory()
  const embedding = bidi.getEmbeddingLevels(text)
  const levels = embedding.levels
  const runs: TextRun[] = []
  for (const run of fontRuns(fonts, text)) {
    // split each font run where the embedding level changes
    let start = run.start
    for (let i = run.start + 1; i <= run.end; i++) {
      if (i === run.end || levels[i] !== levels[start]) {
        runs.push({ start, end: i, font: run.font, script: run.script, level: levels[start]! })
        start = i
      }
    }
  }
  // visual order: each run is one level, so it lands whole and contiguous in bidi's reordering
  const visual = bidi.getReorderedIndices(text, embedding)
  const position = new Uint32Array(text.length)
  visual.forEach((index, at) => (position[index] = at))
  const first = (run: TextRun) => {
    let min = Infinity
    for (let i = run.start; i < run.end; i++) min = Math.min(min, position[i]!)
    return min
  }
  const keyed = runs.map((run) => ({ run, key: first(run) }))
  keyed.sort((a, b) => a.key - b.key)
  return keyed.map(({ run }) => run)
}
