import { describe, expect, it } from 'vitest'
import { needsShaping } from './complex-text.js'

describe('needsShaping', () => {
  it('is false for Latin, CJK, digits and punctuation drawn glyph by glyph', () => {
    for (const text of ['Hello, world 42!', '图片服务', 'Hello 图片服务!', 'カタカナ ひらがな', 'Привет', '© 2024 — €5']) expect(needsShaping(text)).toBe(false)
  })

  it('is true for right-to-left and complex scripts, and for combining marks', () => {
    for (const text of ['مرحبا', 'שלום', 'नमस्ते', 'สวัสดี', 'abc مرحبا', 'e\u0301', '한국어']) expect(needsShaping(text)).toBe(true)
  })
})
