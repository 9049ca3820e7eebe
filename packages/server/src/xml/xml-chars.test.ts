import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { isXmlCodePoint, isXmlText, toXmlText } from './xml-chars.js'

describe('xml-chars', () => {
  it('replaces C0 controls but tab, LF and CR, lone surrogates, U+FFFE and U+FFFF with U+FFFD', () => {
    expect(toXmlText('a\u0000b\u0001c\u001fd')).toBe('a\ufffdb\ufffdc\ufffdd')
    expect(toXmlText('t\tn\nr\r')).toBe('t\tn\nr\r')
    expect(toXmlText('x\ud800y\udc00z')).toBe('x\ufffdy\ufffdz')
    expect(toXmlText('\ufffe\uffff')).toBe('\ufffd\ufffd')
  })

  it('keeps paired surrogates, DEL and the rest of Unicode', () => {
    expect(toXmlText('😀\u007f\u0085é中')).toBe('😀\u007f\u0085é中')
  })

  it('agrees with the code point rule on every character it leaves', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const safe = toXmlText(text)
        expect(isXmlText(safe)).toBe(true)
        expect(safe.length).toBe(text.length)
        for (const char of safe) expect(isXmlCodePoint(char.codePointAt(0)!)).toBe(true)
      }),
    )
  })

  it('judges code points as XML 1.0 does', () => {
    expect([0x9, 0xa, 0xd, 0x20, 0xd7ff, 0xe000, 0xfffd, 0x10000, 0x10ffff].every(isXmlCodePoint)).toBe(true)
    expect([0x0, 0x1, 0x8, 0xb, 0xc, 0x1f, 0xd800, 0xdfff, 0xfffe, 0xffff, 0x110000].some(isXmlCodePoint)).toBe(false)
  })
})
