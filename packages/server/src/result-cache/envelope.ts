/**
 * How a cached result is written to the shared tier (ResultStorage), in one object so that a
 * reader sees key, headers, dependencies and body from the same write:
 *
 *   ["IMGPRES1"][u32 BE header length][header JSON { key, contentType, dependencies }][body]
 *
 * Anything else (a truncated write, another format, a header that does not parse or has the
 * wrong shape) decodes to undefined and is treated as a miss, never served.
 */
import type { ObjectVersion } from './result-key.js'

/** A result and everything it was computed from, as the cache keeps it. */
export interface CachedResult {
  /** the full key (result-key.ts), compared on every hit */
  key: string
  body: Uint8Array
  contentType: string
  /** every other object the job read (watermarks), re-checked with the caller's rights on a hit */
  dependencies: readonly ResultDependency[]
}

export interface ResultDependency {
  bucket: string
  key: string
  version: ObjectVersion
}

const MAGIC = new TextEncoder().encode('IMGPRES1')
const HEAD = MAGIC.length + 4
/** header JSON is a key (≤ ~10 KB) and a few dependencies: anything larger is not ours */
const MAX_HEADER = 1 << 20

export function encodeResult(result: CachedResult): Uint8Array {
  const header = new TextEncoder().encode(JSON.stringify({ key: result.key, contentType: result.contentType, dependencies: result.dependencies }))
  const out = new Uint8Array(HEAD + header.length + result.body.length)
  out.set(MAGIC, 0)
  new DataView(out.buffer).setUint32(MAGIC.length, header.length)
  out.set(header, HEAD)
  out.set(result.body, HEAD + header.length)
  return out
}

export function decodeResult(bytes: Uint8Array): CachedResult | undefined {
  if (bytes.length < HEAD || !MAGIC.every((byte, i) => bytes[i] === byte)) return undefined
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(MAGIC.length)
  if (length > MAX_HEADER || HEAD + length > bytes.length) return undefined
  let header: unknown
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(HEAD, HEAD + length)))
  } catch {
    return undefined
  }
  if (!isHeader(header)) return undefined
  return { key: header.key, contentType: header.contentType, dependencies: header.dependencies, body: bytes.slice(HEAD + length) }
}

function isHeader(value: unknown): value is Omit<CachedResult, 'body'> {
  const v = value as Partial<CachedResult> | null
  return (
    typeof v === 'object' && v !== null && typeof v.key === 'string' && typeof v.contentType === 'string' &&
    Array.isArray(v.dependencies) && v.dependencies.every(isDependency)
  )
}

function isDependency(value: unknown): value is ResultDependency {
  const d = value as Partial<ResultDependency> | null
  const version = d?.version as Partial<ObjectVersion> | undefined
  return (
    typeof d === 'object' && d !== null && typeof d.bucket === 'string' && typeof d.key === 'string' &&
    typeof version?.etag === 'string' && typeof version.size === 'number' && typeof version.lastModified === 'number'
  )
}
