/**
 * Character references in request bodies, resolved before fast-xml-parser sees the text.
 *
 * XML gives text two kinds of reference: numeric ones (`&#49;`, `&#x31;`), which any
 * character may be written as, and the five predefined entities (`&lt;` `&gt;` `&amp;` `&quot;`
 * `&apos;`). Any other `&name;` needs a DOCTYPE declaration, which our bodies never carry, so
 * it is not well-formed. fast-xml-parser decodes the five entities itself; its numeric decoding
 * comes only with `htmlEntities`, which also decodes `&nbsp;`, `&copy;` and others and, since it
 * runs before `&amp;`, reads `&#38;amp;` as `&` instead of `&amp;`.
 *
 * So this one pass turns each numeric reference into its character, except that the five
 * characters with a predefined entity become that entity, which the parser then decodes once:
 * `&#60;` cannot open a tag and `&#38;amp;` stays the text `&amp;`. CDATA sections, comments
 * and processing instructions are copied untouched, since references are not read there.
 */
import { isXmlCodePoint } from './xml-chars.js'

const PREDEFINED: Readonly<Record<string, string>> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' }
const PREDEFINED_NAMES = new Set(['lt', 'gt', 'amp', 'quot', 'apos'])

// the parts where `&` means nothing: CDATA sections, comments, processing instructions
const LITERAL_PARTS = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g
// `&#` digits `;`, `&#x` hex `;`, or `&` name `;` (a lone `&` is left to the parser, which refuses it)
const REFERENCE = /&(?:#([0-9]+)|#x([0-9a-fA-F]+)|([A-Za-z_:][\w.:-]*));/g

function resolveReference(reference: string, decimal?: string, hex?: string, name?: string): string {
  if (name !== undefined) {
    if (PREDEFINED_NAMES.has(name)) return reference
    throw new SyntaxError(`undeclared entity ${reference}`)
  }
  const codePoint = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16)
  if (!isXmlCodePoint(codePoint)) throw new SyntaxError(`${reference} is not an XML character`)
  const char = String.fromCodePoint(codePoint)
  return PREDEFINED[char] ?? char
}

/** `xml` with every numeric character reference outside CDATA, comments and PIs resolved; throws a SyntaxError for an undeclared entity or a reference to a character XML forbids. */
export function resolveCharReferences(xml: string): string {
  if (!xml.includes('&')) return xml
  let out = ''
  let from = 0
  for (const literal of xml.matchAll(LITERAL_PARTS)) {
    out += xml.slice(from, literal.index).replace(REFERENCE, resolveReference) + literal[0]
    from = literal.index + literal[0].length
  }
  return out + xml.slice(from).replace(REFERENCE, resolveReference)
}
