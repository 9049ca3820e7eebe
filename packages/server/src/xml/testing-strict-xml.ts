/**
 * Test helper: the well-formedness errors of a document under saxes, a strict XML 1.0 parser.
 * fast-xml-parser, which the server uses, lets control characters through, so it cannot judge.
 */
import { SaxesParser } from 'saxes'

export function strictXmlErrors(xml: string): string[] {
  const errors: string[] = []
  const parser = new SaxesParser()
  parser.on('error', (error) => errors.push(error.message))
  parser.write(xml).close()
  return errors
}
