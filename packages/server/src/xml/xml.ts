/**
 * The XML building and parsing used by every route, over fast-xml-parser (a well-kept library
 * that escapes text and parses untrusted input without entity expansion surprises).
 */
import { XMLBuilder, XMLParser } from 'fast-xml-parser'
import { ImgError } from '@imgproc/types'

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

/** `{ Error: { Code: 'x' } }` -> `<?xml …?>\n<Error><Code>x</Code></Error>` */
export function buildXml(document: XmlTree): string {
  return DECLARATION + builder.build(document)
}

/** Parses a request body; anything that is not well-formed XML is `MalformedXML` (400 InvalidArgument). */
export function parseXml(text: string): Record<string, unknown> {
  const trimmed = text.trim()
  // a DOCTYPE can declare entities (the classic XML bomb); OSS request bodies never carry one
  if (!trimmed.startsWith('<') || /<!DOCTYPE|<!ENTITY/i.test(trimmed)) throw new ImgError('InvalidArgument', 'The XML you provided was not well-formed.')
  try {
    return parser.parse(trimmed, true) as Record<string, unknown>
  } catch (cause) {
    throw new ImgError('InvalidArgument', 'The XML you provided was not well-formed.', { cause })
  }
}

/** An XML response with the given status (200 unless told). */
export function xmlResponse(document: XmlTree, init: { status?: number; headers?: HeadersInit } = {}): Response {
  const headers = new Headers(init.headers)
  headers.set('content-type', 'application/xml')
  return new Response(buildXml(document), { status: init.status ?? 200, headers })
}
