import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { buildXml, parseXml } from './xml.js'

describe('xml', () => {
  it('builds with the declaration and escapes text', () => {
    const xml = buildXml({ Error: { Code: 'NoSuchKey', Key: 'a<b>&"c' } })
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code>')).toBe(true)
    expect(xml).toContain('<Key>a&lt;b&gt;&amp;')
  })

  it('repeats array elements', () => {
    expect(buildXml({ L: { S: ['a', 'b'] } })).toContain('<L><S>a</S><S>b</S></L>')
  })

  it('rejects text that is not XML', () => {
    expect(() => parseXml('hello')).toThrow(/not well-formed/)
    expect(() => parseXml('<a><b></a>')).toThrow(/not well-formed/)
  })

  it('round-trips any text content', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const parsed = parseXml(buildXml({ Style: { Content: text } })) as { Style: { Content: string } }
        expect(String(parsed.Style.Content ?? '')).toBe(text.trim())
      }),
    )
  })
})

describe('xml safety', () => {
  it('refuses a DOCTYPE (entity expansion)', () => {
    expect(() => parseXml('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>')).toThrow(/not well-formed/)
  })
})
