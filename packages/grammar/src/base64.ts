/**
 * Base64 for process-string values (watermark `text_`/`type_`/`image_`, saveas `o_`/`b_`).
 * OSS accepts the URL-safe and the standard alphabet, padded or not (spec §1.3), so decoding does too;
 * encoding always writes the canonical form: URL-safe, unpadded. Web APIs only (atob/btoa, TextDecoder).
 */

const UTF8 = new TextDecoder('utf-8', { fatal: true })
const ENCODER = new TextEncoder()

/** 1 for each char code allowed in a base64 body (both alphabets), 0 otherwise. */
const ALPHABET = new Uint8Array(128)
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_') ALPHABET[c.charCodeAt(0)] = 1

/**
 * Decodes base64 (either alphabet, padding optional) of UTF-8 text.
 * Returns undefined when the value is not base64 or not valid UTF-8: the caller raises the typed
 * error, because only it knows the parameter and span. atob alone is not enough: it silently skips
 * ASCII whitespace, which OSS would not.
 */
export function decodeBase64Text(value: string): string | undefined {
  let end = value.length
  let padding = 0
  while (end > 0 && value.charCodeAt(end - 1) === 61 /* = */ && padding < 2) {
    end--
    padding++
  }
  if (end === 0) return undefined
  if (padding > 0 && value.length % 4 !== 0) return undefined
  if (end % 4 === 1) return undefined
  let standard = ''
  let from = 0
  for (let i = 0; i < end; i++) {
    const c = value.charCodeAt(i)
    if (c > 127 || ALPHABET[c] === 0) return undefined
    // URL-safe -> standard, copying runs rather than characters
    if (c === 45 /* - */ || c === 95 /* _ */) {
      standard += value.slice(from, i) + (c === 45 ? '+' : '/')
      from = i + 1
    }
  }
  standard += value.slice(from, end)
  let binary: string
  try {
    binary = atob(standard)
  } catch {
    return undefined
  }
  // ASCII text (the common case: object keys, font names) is its own UTF-8 decoding.
  let ascii = true
  for (let i = 0; i < binary.length && ascii; i++) ascii = binary.charCodeAt(i) < 0x80
  if (ascii) return binary
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  try {
    return UTF8.decode(bytes)
  } catch {
    return undefined
  }
}

/** URL-safe, unpadded base64 of the UTF-8 bytes of `text` (the canonical form `serialize` writes). */
export function encodeBase64Url(text: string): string {
  const bytes = ENCODER.encode(text)
  let binary = ''
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!)
  let out = btoa(binary)
  let end = out.length
  while (end > 0 && out.charCodeAt(end - 1) === 61) end--
  out = out.slice(0, end)
  return out.replace(/[+/]/g, toUrlSafe)
}

const toUrlSafe = (c: string): string => (c === '+' ? '-' : '_')

/** Number of UTF-8 bytes of a string (text watermark limits count bytes, spec §2.14). */
export function utf8Length(text: string): number {
  // counted, not encoded: this runs for every text watermark and allocating a buffer dominated it
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4
      i++
    } else n += 3 // BMP, or a lone surrogate (which TextEncoder writes as U+FFFD, 3 bytes)
  }
  return n
}
