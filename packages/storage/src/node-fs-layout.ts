/**
 * How the filesystem adapter turns an object key into a relative path. Object names are data,
 * never paths: every UTF-8 byte outside [a-z0-9_.-] is percent-encoded (upper-case hex), so
 * `/`, `..`, `\`, NUL, upper-case letters and non-ASCII all become `%XX`. That makes the
 * encoding injective even on case-insensitive or Unicode-normalising file systems (only
 * lower-case letters appear literally, only upper-case hex digits after `%`).
 *
 * The encoded name is cut into chunks of at most CHUNK characters (file names are limited to
 * 255 bytes, keys to 1023 bytes = up to 3069 encoded characters). Every chunk but the last is
 * a directory named `<chunk>~d`; the last is the file `<chunk>~o`. The suffixes keep `.`/`..`
 * and trailing dots harmless and keep directories and files from colliding. Names starting
 * with `~` are never produced by the encoding: the adapter uses them for temporary files
 * (`~tmp-…`) and for buckets being deleted (`~trash-…`), see node-fs-temp-names.ts.
 */

const CHUNK = 200
const SAFE = /^[a-z0-9_.-]$/
export const DIR_SUFFIX = '~d'
export const FILE_SUFFIX = '~o'
export const TEMP_PREFIX = '~tmp-'
export const TRASH_PREFIX = '~trash-'

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: true })

export function encodeKey(key: string): string {
  let out = ''
  for (const byte of encoder.encode(key)) {
    const char = String.fromCharCode(byte)
    out += SAFE.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

/** The inverse of encodeKey; undefined for anything encodeKey never produces. */
export function decodeKey(encoded: string): string | undefined {
  const bytes: number[] = []
  for (let i = 0; i < encoded.length; i++) {
    const char = encoded[i]!
    if (char === '%') {
      const hex = encoded.slice(i + 1, i + 3)
      if (!/^[0-9A-F]{2}$/.test(hex)) return undefined
      bytes.push(parseInt(hex, 16))
      i += 2
    } else if (SAFE.test(char)) {
      bytes.push(char.charCodeAt(0))
    } else {
      return undefined
    }
  }
  try {
    return decoder.decode(new Uint8Array(bytes))
  } catch {
    return undefined
  }
}

/** Path segments for a key: directories `…~d`, then the file `…~o`. */
export function keySegments(key: string): string[] {
  const encoded = encodeKey(key)
  const segments: string[] = []
  let start = 0
  while (encoded.length - start > CHUNK) {
    let end = start + CHUNK
    // never cut a %XX triple in two
    if (encoded[end - 1] === '%') end -= 1
    else if (encoded[end - 2] === '%') end -= 2
    segments.push(encoded.slice(start, end) + DIR_SUFFIX)
    start = end
  }
  segments.push(encoded.slice(start) + FILE_SUFFIX)
  return segments
}

/** The key for directory chunks plus a file name, or undefined when the names are not ours. */
export function keyFromSegments(dirs: readonly string[], file: string): string | undefined {
  if (!file.endsWith(FILE_SUFFIX) || dirs.some((d) => !d.endsWith(DIR_SUFFIX))) return undefined
  const encoded = dirs.map((d) => d.slice(0, -DIR_SUFFIX.length)).join('') + file.slice(0, -FILE_SUFFIX.length)
  return decodeKey(encoded)
}
