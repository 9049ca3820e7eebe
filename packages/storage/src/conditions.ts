/**
 * HTTP conditional and range semantics, computed once for the adapters that serve from their
 * own metadata (memory, filesystem). The S3 adapter lets the store evaluate them.
 */
import { ImgError } from '@imgproc/types'
import type { ByteRange, GetOptions, NotModified, ObjectMeta } from '@imgproc/types'

/** Strips quotes and a weak prefix: `W/"abc"` -> `abc`. */
export function bareEtag(etag: string): string {
  const trimmed = etag.trim().replace(/^W\//, '')
  return trimmed.startsWith('"') && trimmed.endsWith('"') && trimmed.length >= 2 ? trimmed.slice(1, -1) : trimmed
}

function etagMatches(header: string, etag: string): boolean {
  return header.split(',').some((part) => {
    const candidate = part.trim()
    return candidate === '*' || bareEtag(candidate) === etag
  })
}

/** HTTP dates have second precision: compare whole seconds. */
const seconds = (date: Date): number => Math.floor(date.getTime() / 1000)

/**
 * RFC 7232 order: If-Match, If-Unmodified-Since (412), then If-None-Match, If-Modified-Since
 * (304). If-Modified-Since is ignored when If-None-Match is present.
 */
export function evaluateConditions(meta: ObjectMeta, options: GetOptions): NotModified | undefined {
  if (options.ifMatch !== undefined && !etagMatches(options.ifMatch, meta.etag)) {
    throw new ImgError('PreconditionFailed', 'At least one of the preconditions you specified did not hold: If-Match.')
  }
  if (options.ifMatch === undefined && options.ifUnmodifiedSince && seconds(meta.lastModified) > seconds(options.ifUnmodifiedSince)) {
    throw new ImgError('PreconditionFailed', 'At least one of the preconditions you specified did not hold: If-Unmodified-Since.')
  }
  if (options.ifNoneMatch !== undefined) {
    return etagMatches(options.ifNoneMatch, meta.etag) ? { notModified: true, meta } : undefined
  }
  if (options.ifModifiedSince && seconds(meta.lastModified) <= seconds(options.ifModifiedSince)) {
    return { notModified: true, meta }
  }
  return undefined
}

/** The inclusive byte span a range selects in an object of `size` bytes; InvalidRange when none. */
export function resolveRange(range: ByteRange, size: number): { start: number; end: number } {
  const invalid = () => new ImgError('InvalidRange', `The requested range cannot be satisfied (object size ${size}).`)
  if ('suffix' in range) {
    if (!Number.isSafeInteger(range.suffix) || range.suffix <= 0 || size === 0) throw invalid()
    return { start: Math.max(0, size - range.suffix), end: size - 1 }
  }
  const { start, end } = range
  if (!Number.isSafeInteger(start) || start < 0 || start >= size) throw invalid()
  if (end !== undefined && (!Number.isSafeInteger(end) || end < start)) throw invalid()
  return { start, end: end === undefined ? size - 1 : Math.min(end, size - 1) }
}
