import { describe, expect, it } from 'vitest'
import { resolveCharReferences } from './xml-references.js'

describe('resolveCharReferences', () => {
  it('turns decimal and hex references into characters', () => {
    expect(resolveCharReferences('<C>w_&#49;00,h_&#x31;&#X31;</C>')).toBe('<C>w_100,h_1&#X31;</C>')
    expect(resolveCharReferences('<C>&#x1F600;&#233;</C>')).toBe('<C>😀é</C>')
  })

  it('turns references to the five markup characters into their entities, decoded once later', () => {
    expect(resolveCharReferences('<C>&#60;&#62;&#38;&#34;&#39;</C>')).toBe('<C>&lt;&gt;&amp;&quot;&apos;</C>')
    expect(resolveCharReferences('<C>&#38;amp; &amp;#49; &lt;</C>')).toBe('<C>&amp;amp; &amp;#49; &lt;</C>')
  })

  it('leaves CDATA sections, comments and processing instructions alone', () => {
    const literal = '<?pi &#49;?><C><![CDATA[&#49;&nbsp;]]><!-- &#49; &x; -->&#50;</C>'
    expect(resolveCharReferences(literal)).toBe('<?pi &#49;?><C><![CDATA[&#49;&nbsp;]]><!-- &#49; &x; -->2</C>')
  })

  it('refuses undeclared entities and references to characters XML forbids', () => {
    expect(() => resolveCharReferences('<C>&nbsp;</C>')).toThrow(/undeclared entity &nbsp;/)
    expect(() => resolveCharReferences('<C>&#0;</C>')).toThrow(/not an XML character/)
    expect(() => resolveCharReferences('<C>&#xD800;</C>')).toThrow(/not an XML character/)
    expect(() => resolveCharReferences('<C>&#1114112;</C>')).toThrow(/not an XML character/)
    expect(() => resolveCharReferences('<C>&#99999999999999999999;</C>')).toThrow(/not an XML character/)
  })
})
