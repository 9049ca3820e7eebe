/**
 * The XML 1.0 `Char` rule (https://www.w3.org/TR/xml/#charsets): tab, LF, CR, U+0020-U+D7FF,
 * U+E000-U+FFFD and U+10000-U+10FFFF. Everything else (the other C0 controls, lone surrogates,
 * U+FFFE and U+FFFF) cannot appear in a well-formed document, not even as `&#1;`.
 *
 * Object keys may hold such characters (storage adapters accept them, and listing prefixes and
 * markers come from the query string), so replies replace each one with U+FFFD (the Unicode
 * replacement character) rather than dropping it: a dropped character could turn `a\u0000b`
 * into `ab`, another key that may exist, while U+FFFD shows that something was there. A client
 * that needs the exact key asks ListObjects for `encoding-type=url`.
 */

// a lone surrogate is a high one not followed by a low one, or a low one not preceded by a high one
// eslint-disable-next-line no-control-regex
const NOT_XML_CHARS = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/** What every character outside the XML 1.0 `Char` rule becomes in a reply. */
export const XML_REPLACEMENT_CHAR = '\ufffd'

/** `text` with every character XML 1.0 forbids replaced by U+FFFD. */
export function toXmlText(text: string): string {
  NOT_XML_CHARS.lastIndex = 0
  return NOT_XML_CHARS.test(text) ? text.replace(NOT_XML_CHARS, XML_REPLACEMENT_CHAR) : text
}

/** True when `text` holds only characters XML 1.0 allows. */
export function isXmlText(text: string): boolean {
  NOT_XML_CHARS.lastIndex = 0
  return !NOT_XML_CHARS.test(text)
}

/** True when a character reference (`&#NN;`) names a character XML 1.0 allows. */
export function isXmlCodePoint(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  )
}
