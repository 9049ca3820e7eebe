/** Small helpers for the conformance suite (kept apart so testing.ts stays about the contract). */
import { isImgError } from '@imgproc/types'
import type { ErrorCode, NotModified, StoredObject } from '@imgproc/types'

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

/** Deterministic pseudo-random bytes (xorshift), so failures reproduce. */
export function patternBytes(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length)
  let x = seed >>> 0 || 1
  for (let i = 0; i < length; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = x & 0xff
  }
  return out
}

/** A stream that yields `bytes` in chunks of `chunkSize`. */
export function chunkedStream(bytes: Uint8Array, chunkSize: number): ReadableStream<Uint8Array> {
  let offset = 0
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close()
      controller.enqueue(bytes.slice(offset, offset + chunkSize))
      offset += chunkSize
    },
  })
}

export async function bodyBytes(result: StoredObject | NotModified | null): Promise<Uint8Array> {
  if (!result) throw new Error('expected an object, got null')
  if (result.notModified) throw new Error('expected an object, got NotModified')
  return new Uint8Array(await new Response(result.body).arrayBuffer())
}

export async function bodyText(result: StoredObject | NotModified | null): Promise<string> {
  return new TextDecoder().decode(await bodyBytes(result))
}

/** Resolves to the ImgError code the promise rejected with; fails when it resolved or threw something else. */
export async function errorCode(promise: Promise<unknown>): Promise<ErrorCode> {
  try {
    await promise
  } catch (error) {
    if (isImgError(error)) return error.code
    throw new Error(`expected an ImgError, got ${String(error)}`, { cause: error })
  }
  throw new Error('expected a rejection, but the promise resolved')
}

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

let counter = 0
/** A bucket name unique to this run (S3 servers are shared between runs and suites). */
export function uniqueBucket(tag: string): string {
  counter += 1
  const random = Math.random().toString(36).slice(2, 8)
  return `t-${tag}-${Date.now().toString(36)}-${random}-${counter}`.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 63)
}

/** Names that a careless filesystem or URL mapping would confuse; each must be its own object. */
export const TRICKY_KEYS: readonly string[] = [
  '../escape',
  '../../../../../../tmp/imgproc-escape',
  '../',
  '.../x',
  'a/..',
  'a/../../b',
  'a/./b',
  'a//b',
  'dir/',
  'C:\\windows\\x',
  'back\\slash',
  'Key',
  'key',
  'KEY',
  'caf\u00e9', // NFC
  'cafe\u0301', // NFD: same text, different bytes
  '\u212bngstr\u00f6m', // Kelvin-style compatibility char vs. below
  '\u00c5ngstr\u00f6m',
  'space and +=&?%#;',
  '%2e%2e%2fencoded',
  'emoji-\u{1f600}',
  'tab\tnewline\n',
  '~tmp-looks-internal',
  'con',
  'nul.txt',
  '-leading-dash',
  ' leading space',
  'trailing dot.',
]

/** TRICKY_KEYS plus the longest keys an adapter takes (1023 bytes for OSS), ASCII and 2-byte UTF-8. */
export function trickyKeys(maxKeyBytes = 1023): string[] {
  return [...TRICKY_KEYS, 'x'.repeat(maxKeyBytes), '\u00e9'.repeat(Math.floor(maxKeyBytes / 2))]
}
