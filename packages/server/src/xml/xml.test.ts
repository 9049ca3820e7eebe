import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { strictXmlErrors } from './testing-strict-xml.js'
import { toXmlText } from './xml-chars.js'
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

  it('round-trips any text content, characters XML forbids becoming U+FFFD', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const xml = buildXml({ Style: { Content: text } })
        expect(strictXmlErrors(xml)).toEqual([])
        const parsed = parseXml(xml) as { Style: { Content: string } }
        // XML parsers read every CR LF and lone CR as LF (XML 1.0 section 2.11)
        expect(String(parsed.Style.Content ?? '')).toBe(toXmlText(text).replace(/\r\n?/g, '\n').trim())
      }),
    )
  })

  it('writes NUL, other controls and lone surrogates in every element as U+FFFD', () => {
    const xml = buildXml({ L: { Key: 'a\u0000b\u0001', Prefix: ['\ud800', '\uffff'], Size: 3 } })
    expect(strictXmlErrors(xml)).toEqual([])
    expect(xml).toContain('<Key>a\ufffdb\ufffd</Key><Prefix>\ufffd</Prefix><Prefix>\ufffd</Prefix><Size>3</Size>')
  })

  it('decodes numeric references and the five predefined entities, once', () => {
    const parsed = parseXml('<Style><Content>w_&#49;00,&#x68;_2 &#60;&amp;&#38;amp;&lt;&gt;&quot;&apos;</Content></Style>') as { Style: { Content: string } }
    expect(parsed.Style.Content).toBe('w_100,h_2 <&&amp;<>"\'')
  })

  it('refuses other entities, references to forbidden characters and raw control characters', () => {
    for (const body of ['<a>&nbsp;</a>', '<a>&copy;</a>', '<a>&#0;</a>', '<a>&#x1;</a>', '<a>&#X31;</a>', '<a>\u0001</a>', '<a&#49;></a&#49;>']) {
      expect(() => parseXml(body), body).toThrow(/not well-formed/)
    }
  })
})

describe('xml safety', () => {
  it('refuses a DOCTYPE (entity expansion)', () => {
    expect(() => parseXml('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>')).toThrow(/not well-formed/)
  })
})
