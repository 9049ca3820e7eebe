/**
 * What a processed result depends on, written out in full as its cache key: the source object
 * (bucket, key and the version read: ETag, size and last-modified, so even a store whose ETags
 * were weak or reused could not alias two versions), the dialect (info JSON and defaults differ),
 * and the process in the grammar's canonical form, after style resolution (so a style's CONTENT
 * is in the key, not its name: editing a style changes the key). Nothing else in a request
 * changes the output today (Accept, Range and the signature do not).
 *
 * The key is compared in full on every hit (the memory tier is a Map keyed by it; the shared
 * tier stores it with the result and compares it), so two requests can never share a result
 * unless every part is equal. The SHA-256 of the key only names the shared tier's objects.
 */
import { serialize, type ParsedProcess } from '@imgproc/grammar'
import type { ObjectMeta } from '@imgproc/types'

/** Bumped when what a result depends on, or the stored form, changes: old entries then never match. */
export const RESULT_FORMAT = 1

/** The version of an object a result was made from. */
export interface ObjectVersion {
  etag: string
  size: number
  /** epoch milliseconds */
  lastModified: number
}

export function versionOf(meta: Pick<ObjectMeta, 'etag' | 'size' | 'lastModified'>): ObjectVersion {
  return { etag: meta.etag, size: meta.size, lastModified: meta.lastModified.getTime() }
}

export function sameVersion(a: ObjectVersion, b: ObjectVersion): boolean {
  return a.etag === b.etag && a.size === b.size && a.lastModified === b.lastModified
}

/**
 * The canonical string of a parsed process (without any `|sys/saveas`): the route's own parse
 * serialised, nothing parsed again. `serialize(parse(x))` has x's meaning: same actions, values
 * and order, spelled one way, so `resize,w_100,h_50` and `resize,h_50,w_100,` share a result.
 */
export function canonicalProcess(parsed: ParsedProcess): string {
  const { saveAs: _saveAs, ...process } = parsed
  return serialize(process)
}

export interface ResultKeyParts {
  /** the deployment's cache namespace (replicas sharing a store must run the same engine settings) */
  namespace: string
  bucket: string
  key: string
  source: ObjectVersion
  dialect: 'oss' | 'obs'
  /** canonical, styles resolved, without `|sys/saveas` */
  process: string
}

/** The full key: JSON of every part, so no two different part lists give the same string. */
export function resultKey(parts: ResultKeyParts): string {
  const { namespace, bucket, key, source, dialect, process } = parts
  return JSON.stringify([RESULT_FORMAT, namespace, bucket, key, source.etag, source.size, source.lastModified, dialect, process])
}

/** The shared tier's name for a key: its SHA-256, 64 lower-case hex digits (WebCrypto). */
export async function storedName(key: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key)))
  let hex = ''
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0')
  return hex
}
