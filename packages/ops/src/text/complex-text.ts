/**
 * Whether a line needs a shaper to come out right: right-to-left scripts, scripts whose letters
 * join, reorder or stack (Arabic, Indic, Thai, ...), and combining marks (placed by the font's
 * mark positioning). Latin, Greek, Cyrillic, CJK and symbols without marks draw correctly glyph
 * by glyph, so an engine without its shaper can still draw those honestly.
 */
const SIMPLE = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\p{Script=Common}]*$/u
const MARK = /\p{M}/u

export function needsShaping(text: string): boolean {
  return !SIMPLE.test(text) || MARK.test(text)
}
