/**
 * The few cryptographic and encoding primitives the signature verifiers need, on WebCrypto
 * (`crypto.subtle`), `TextEncoder`, `btoa` and `atob` only, so the same code runs on Node 20+,
 * Deno, Bun, browsers and Workers. No `node:crypto`, no `Buffer`.
 */

const encoder = new TextEncoder()

export type KeyMaterial = string | Uint8Array

function bytesOf(data: KeyMaterial): Uint8Array {
  return typeof data === 'string' ? encoder.encode(data) : data
}

async function hmac(hash: 'SHA-1' | 'SHA-256', key: KeyMaterial, data: KeyMaterial): Promise<Uint8Array> {
  // WebCrypto refuses an empty HMAC key; HMAC zero-pads keys to the block size, so one zero
  // byte is the same key.
  const raw = bytesOf(key)
  const cryptoKey = await crypto.subtle.importKey('raw', raw.length > 0 ? raw : new Uint8Array(1), { name: 'HMAC', hash }, false, ['sign'])
  return new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, bytesOf(data)))
}

/** HMAC-SHA1 (OSS V1, OBS/AWS V2). Strings are UTF-8 encoded. */
export function hmacSha1(key: KeyMaterial, data: KeyMaterial): Promise<Uint8Array> {
  return hmac('SHA-1', key, data)
}

/** HMAC-SHA256 (OSS V4 signing-key chain and signature). */
export function hmacSha256(key: KeyMaterial, data: KeyMaterial): Promise<Uint8Array> {
  return hmac('SHA-256', key, data)
}

/** Lower-case hex SHA-256 of a UTF-8 string (the hashed canonical request of OSS V4). */
export async function sha256Hex(data: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(data))))
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
