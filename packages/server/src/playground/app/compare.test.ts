import { describe, expect, it } from 'vitest'
import { extensionOf, savingsText } from './compare.js'

describe('compare', () => {
  it('names the download by its type', () => {
    expect(extensionOf('image/webp')).toBe('webp')
    expect(extensionOf('application/json; charset=utf-8')).toBe('json')
    expect(extensionOf('x/unknown')).toBe('bin')
  })

  it('says the saving with its sign', () => {
    expect(savingsText(2048, 512)).toBe('2.0 KiB (2048 B) \u2192 512 B: -75.0%')
    expect(savingsText(100, 150)).toBe('100 B \u2192 150 B: +50.0%')
    expect(savingsText(0, 10)).toBe('0 B \u2192 10 B: 0.0%')
  })
})
