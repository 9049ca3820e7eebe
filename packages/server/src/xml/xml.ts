/**
 * The XML building and parsing used by every route, over fast-xml-parser (a well-kept library
 * that escapes text and parses untrusted input without entity expansion surprises).
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser'
import { ImgError } from '@imgproc/types'
import { isXmlText, toXmlText } from './xml-chars.js'
import { resolveCharReferences } from './xml-references.js'

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'

const builder = new XMLBuilder({ ignoreAttributes: true, format: false, suppressEmptyNode: false })

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
})

/** A value tree: strings become text nodes, arrays repeat the element, objects nest. */
export type XmlValue = string | number | XmlTree | XmlValue[] | undefined
export interface XmlTree {
  [element: string]: XmlValue
}

/**
 * `{ Error: { Code: 'x' } }` -> `<?xml …?>\n<Error><Code>x</Code></Error>`. Every text goes
 * through `toXmlText` here, so no reply can carry a character XML 1.0 forbids (xml-chars.ts).
 */
export function buildXml(document: XmlTree): string {
  return DECLARATION + builder.build(xmlSafe(document))
}

function xmlSafe(value: XmlValue): XmlValue {
  if (typeof value === 'string') return toXmlText(value)
  if (Array.isArray(value)) return value.map(xmlSafe)
  if (typeof value !== 'object') return value
  const tree: XmlTree = {}
  for (const [name, child] of Object.entries(value)) tree[name] = xmlSafe(child)
  return tree
}

/**
 * Parses a request body; anything that is not well-formed XML is `MalformedXML` (400
 * InvalidArgument). Text may use numeric character references and the five predefined entities
 * (xml-references.ts), nothing else.
 */
export function parseXml(text: string): Record<string, unknown> {
  const trimmed = text.trim()
  // a DOCTYPE can declare entities (the classic XML bomb); OSS request bodies never carry one
  if (!trimmed.startsWith('<') || /<!DOCTYPE|<!ENTITY/i.test(trimmed) || !isXmlText(trimmed)) throw malformedXml()
  // validated as sent, so a reference can only ever stand for text, never for markup
  const valid = XMLValidator.validate(trimmed)
  if (valid !== true) throw malformedXml(valid.err)
  try {
    return parser.parse(resolveCharReferences(trimmed)) as Record<string, unknown>
  } catch (cause) {
    throw malformedXml(cause)
  }
}

function malformedXml(cause?: unknown): ImgError {
  return new ImgError('InvalidArgument', 'The XML you provided was not well-formed.', cause === undefined ? {} : { cause })
}

/** An XML response with the given status (200 unless told). */
export function xmlResponse(document: XmlTree, init: { status?: number; headers?: HeadersInit } = {}): Response {
  const headers = new Headers(init.headers)
  headers.set('content-type', 'application/xml')
  return new Response(buildXml(document), { status: init.status ?? 200, headers })
}
