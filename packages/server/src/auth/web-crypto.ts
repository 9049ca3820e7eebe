/**
 * The few cryptographic and encoding primitives the signature verifiers need, runtime-neutral
 * (no `node:crypto`, no `Buffer`), so the same code runs on Node 20+, Deno, Bun, browsers and
 * Workers. HMAC and SHA-256 come from @noble/hashes (audited, pure JS, synchronous) rather than
 * `crypto.subtle`: WebCrypto needs an `importKey` per secret and, on Node, a thread-pool round
 * trip per `sign`, about 70 µs a signed request against about 10 µs here (server-get.bench.ts
 * profile). A keyed HMAC state is kept per secret (bounded), so a request hashes only its own
 * string to sign. The functions stay async so a verifier never depends on that choice.
 */
import { hmac } from '@noble/hashes/hmac.js'
import { sha1 } from '@noble/hashes/legacy.js'
import { sha256 } from '@noble/hashes/sha2.js'

const encoder = new TextEncoder()

export type KeyMaterial = string | Uint8Array

function bytesOf(data: KeyMaterial): Uint8Array {
  return typeof data === 'string' ? encoder.encode(data) : data
}

interface Keyed {
  clone(): Keyed
  update(data: Uint8Array): Keyed
  digest(): Uint8Array
}
const KEYED_LIMIT = 256
// per hash: string keys (secrets) and byte keys (derived V4 signing keys, by their latin1 text)
const keyedStates = {
  'SHA-1': { text: new Map<string, Keyed>(), bytes: new Map<string, Keyed>() },
  'SHA-256': { text: new Map<string, Keyed>(), bytes: new Map<string, Keyed>() },
}

/** The HMAC state after the key (inner and outer pads hashed), made once per key (bounded; cleared when full). */
function keyed(hash: 'SHA-1' | 'SHA-256', key: KeyMaterial): Keyed {
  const algorithm = hash === 'SHA-1' ? sha1 : sha256
  if (typeof key !== 'string' && key.length > 64) return hmac.create(algorithm, key)
  const cache = typeof key === 'string' ? keyedStates[hash].text : keyedStates[hash].bytes
  const id = typeof key === 'string' ? key : String.fromCharCode(...key)
  let state = cache.get(id)
  if (!state) {
    if (cache.size >= KEYED_LIMIT) cache.clear()
    state = hmac.create(algorithm, bytesOf(key))
    cache.set(id, state)
  }
  return state.clone()
}

function hmacOf(hash: 'SHA-1' | 'SHA-256', key: KeyMaterial, data: KeyMaterial): Promise<Uint8Array> {
  return Promise.resolve(keyed(hash, key).update(bytesOf(data)).digest())
}

/** HMAC-SHA1 (OSS V1, OBS/AWS V2). Strings are UTF-8 encoded. */
export function hmacSha1(key: KeyMaterial, data: KeyMaterial): Promise<Uint8Array> {
  return hmacOf('SHA-1', key, data)
}

/** HMAC-SHA256 (OSS V4 signing-key chain and signature). */
export function hmacSha256(key: KeyMaterial, data: KeyMaterial): Promise<Uint8Array> {
  return hmacOf('SHA-256', key, data)
}

/** Lower-case hex SHA-256 of a UTF-8 string (the hashed canonical request of OSS V4). */
export async function sha256Hex(data: string): Promise<string> {
  return toHex(sha256(encoder.encode(data)))
}

export function toHex(bytes: Uint8Array): string {
  let out = ''
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0')
  return out
}

/** Hex to bytes; null for anything that is not an even run of hex digits. */
export function fromHex(text: string): Uint8Array | null {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) return null
  const out = new Uint8Array(text.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(i * 2, i * 2 + 2), 16)
  return out
}

export function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** Standard base64 (padding optional) to bytes; null when malformed. */
export function fromBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null
  try {
    const binary = atob(text)
    const out = new Uint8Array(binary.length)
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i)
    return out
  } catch {
    return null
  }
}

/**
 * Compares two byte strings in time that depends only on their lengths (never on where they
 * first differ), so a caller cannot learn a valid signature byte by byte from response timing.
 * The lengths are public (20 bytes for SHA-1, 32 for SHA-256), so a length mismatch may return
 * early.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i]
  return diff === 0
}
