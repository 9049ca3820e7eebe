/**
 * HTTP preconditions and byte ranges for GetObject/HeadObject (and processed GETs, which
 * compare against the source ETag, spec 3).
 */
import { ImgError, type ObjectMeta } from '@imgproc/types'
import type { RequestHeaders } from './server-request.js'

/**
 * The entity tags of an If-Match / If-None-Match header, bare and lower-case. esdk-obs-nodejs
 * percent-encodes every header value it sends, so its `"etag"` arrives as `%22etag%22`: a `%22`
 * is read as the quote it stands for (an ETag itself is hex and never contains `%`).
 */
function etagList(header: string): string[] {
  return header
    .replace(/%22/gi, '"')
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, '').replace(/^"|"$/g, '').toLowerCase())
}

function parseDate(header: string | null): Date | undefined {
  if (header === null) return undefined
  const date = new Date(header)
  return Number.isNaN(date.getTime()) ? undefined : date
}

/** Whole seconds: HTTP dates carry no milliseconds. */
const seconds = (date: Date) => Math.floor(date.getTime() / 1000)

/**
 * 'not-modified' (304) or 'ok'; throws 412 PreconditionFailed for If-Match / If-Unmodified-Since.
 * If-None-Match wins over If-Modified-Since when both are present (RFC 9110 13.2.2).
 */
export function checkConditions(headers: Pick<RequestHeaders, 'get'>, meta: Pick<ObjectMeta, 'etag' | 'lastModified'>): 'ok' | 'not-modified' {
  const etag = meta.etag.toLowerCase()
  const ifMatch = headers.get('if-match')
  if (ifMatch !== null && !etagList(ifMatch).some((tag) => tag === '*' || tag === etag)) {
    throw new ImgError('PreconditionFailed', undefined, { fields: { Condition: 'If-Match' } })
  }
  const unmodifiedSince = parseDate(headers.get('if-unmodified-since'))
  if (ifMatch === null && unmodifiedSince && seconds(meta.lastModified) > seconds(unmodifiedSince)) {
    throw new ImgError('PreconditionFailed', undefined, { fields: { Condition: 'If-Unmodified-Since' } })
  }
  const ifNoneMatch = headers.get('if-none-match')
  if (ifNoneMatch !== null) {
    return etagList(ifNoneMatch).some((tag) => tag === '*' || tag === etag) ? 'not-modified' : 'ok'
  }
  const modifiedSince = parseDate(headers.get('if-modified-since'))
  if (modifiedSince && seconds(meta.lastModified) <= seconds(modifiedSince)) return 'not-modified'
  return 'ok'
}

/**
 * `Range: bytes=a-b | a- | -n` against an object of `size` bytes: the inclusive span to send, or
 * undefined to send the whole object (no header, several ranges, or a malformed header, which
 * OSS ignores). A start past the end is 416 InvalidRange.
 */
export function parseRange(header: string | null, size: number): { start: number; end: number } | undefined {
  if (header === null) return undefined
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!match || (match[1] === '' && match[2] === '')) return undefined
  if (match[1] === '') {
    const suffix = Number(match[2])
    if (suffix === 0) throw invalidRange(size)
    return { start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(match[1])
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1)
  if (match[2] !== '' && Number(match[2]) < start) return undefined
  if (start >= size) throw invalidRange(size)
  return { start, end }
}

function invalidRange(size: number): ImgError {
  return new ImgError('InvalidRange', undefined, { fields: { ActualObjectSize: String(size) } })
}
