/**
 * The `|sys/saveas,o_<b64>,b_<b64>` suffix (OSS §7): o required, b optional, both base64 (either
 * alphabet, padding optional), unknown keys ignored. Whether saveas is allowed at all (POST only) is
 * the server's decision; the grammar only checks the form.
 */
import type { SaveAs, Span } from './ast.js'
import { decodeBase64Text, utf8Length } from './base64.js'
import { invalidValue, missingValue, notBase64, syntaxError } from './errors.js'
import { scanActions } from './tokenize.js'

const PREFIX = 'sys/saveas'
/** OSS object keys are at most 1023 bytes; a longer decoded key cannot be saved. */
const MAX_OBJECT_LENGTH = 1023

export function parseSaveAs(source: string, start: number): SaveAs {
  const end = source.length
  const span: Span = { start, end }
  const whole = { source, start, end }
  const next = source.charCodeAt(start + PREFIX.length)
  if (!source.startsWith(PREFIX, start) || !(start + PREFIX.length === end || next === 44 /* , */)) {
    const reason = source.startsWith('saveas', start) ? 'saveas must be written sys/saveas' : 'only sys/saveas may follow |'
    throw syntaxError('BadRequest', `The operation after | is not supported: ${reason}.`, whole)
  }
  const segments = scanActions(source, start + 4, end)
  if (segments.length !== 1) {
    const s = segments[1]!
    throw syntaxError('BadRequest', 'sys/saveas must be the last operation.', { source, start: s.start - 1, end })
  }
  const result: SaveAs = { object: '', span, spans: {} }
  let hasObject = false
  for (const tok of segments[0]!.tokens) {
    const where = { source, start: tok.start, end: tok.end }
    if (tok.sep < 0) throw invalidValue('saveas', source.slice(tok.start, tok.end), where)
    const key = source.slice(tok.start, tok.sep)
    if (key !== 'o' && key !== 'b') continue
    const raw = source.slice(tok.sep + 1, tok.end)
    const value = decodeBase64Text(raw)
    if (value === undefined) throw notBase64(key, raw, where)
    if (value.length === 0 || (key === 'o' && utf8Length(value) > MAX_OBJECT_LENGTH)) throw invalidValue(key, raw, where)
    if (key === 'o') {
      result.object = value
      result.spans.object = { start: tok.start, end: tok.end }
      hasObject = true
    } else {
      result.bucket = value
      result.spans.bucket = { start: tok.start, end: tok.end }
    }
  }
  if (!hasObject) throw missingValue('o', whole)
  return result
}
