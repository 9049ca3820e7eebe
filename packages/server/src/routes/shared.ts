/**
 * Helpers several routes share: the bucket lookup, object reply headers, user metadata and the
 * owner element of ACL/list replies.
 */
import { ImgError, type BucketInfo, type ObjectHeaders, type ObjectMeta } from '@imgproc/types'
import type { BucketContext } from '../context.js'
import { headerPrefix, type ApiDialect } from '../dialect.js'
import { noSuchBucket } from '../object-access.js'
import type { RequestHeaders } from '../server-request.js'

export async function requireBucket(ctx: BucketContext, bucket = ctx.bucket): Promise<BucketInfo> {
  const info = await ctx.storage.headBucket(bucket)
  if (info === null) throw noSuchBucket(bucket)
  return info
}

export function noSuchKey(key: string): ImgError {
  return new ImgError('NoSuchKey', undefined, { fields: { Key: key } })
}

/** OSS writes the ETag in upper-case hex, OBS/S3 in lower-case; both quoted. */
export function quotedEtag(meta: Pick<ObjectMeta, 'etag'>, dialect: ApiDialect): string {
  return `"${dialect === 'oss' ? meta.etag.toUpperCase() : meta.etag.toLowerCase()}"`
}

/** The headers GET and HEAD of an object carry (not Content-Length/Type: those depend on the body). */
export function objectHeaders(meta: ObjectMeta, dialect: ApiDialect): Headers {
  return new Headers(objectHeaderRecord(meta, dialect))
}

// what `Headers` strips from both ends of a value (HTTP whitespace), so the plain record sends what it would
const EDGE_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g
const HAS_EDGE_WHITESPACE = /^[\t\n\r ]|[\t\n\r ]$/
const headerValue = (value: string) => (HAS_EDGE_WHITESPACE.test(value) ? value.replace(EDGE_WHITESPACE, '') : value)

/**
 * `objectHeaders` as a plain record with lower-case names (for a Reply, server-request.ts).
 * `acceptRanges: false` leaves out `Accept-Ranges` (a processed image is not served in ranges):
 * left out here rather than deleted after, which would turn the record into a slow dictionary.
 */
export function objectHeaderRecord(meta: ObjectMeta, dialect: ApiDialect, { acceptRanges = true } = {}): Record<string, string> {
  const headers: Record<string, string> = {
    etag: quotedEtag(meta, dialect),
    'last-modified': meta.lastModified.toUTCString(),
  }
  if (acceptRanges) headers['accept-ranges'] = 'bytes'
  for (const name in meta.headers) {
    const value = meta.headers[name as keyof ObjectHeaders]
    if (value !== undefined) headers[name.toLowerCase()] = headerValue(value)
  }
  const prefix = headerPrefix(dialect)
  for (const name in meta.userMeta) headers[`${prefix}meta-${name}`.toLowerCase()] = headerValue(meta.userMeta[name]!)
  if (dialect === 'oss') {
    headers['x-oss-object-type'] = 'Normal'
    headers['x-oss-storage-class'] = 'Standard'
  }
  return headers
}

/** `x-oss-meta-*`, `x-obs-meta-*` and `x-amz-meta-*` request headers, keys lower-cased, prefix removed. */
export function userMetaFromHeaders(headers: RequestHeaders): Record<string, string> {
  const meta: Record<string, string> = {}
  for (const [name, value] of headers) {
    const match = /^x-(?:oss|obs|amz)-meta-(.+)$/.exec(name)
    if (match) meta[match[1]!] = value.trim()
  }
  return meta
}

/** Single-tenant: every bucket belongs to the one owner. */
export const OWNER = { ID: 'imgproc', DisplayName: 'imgproc' }

const STORED_HEADERS = ['cache-control', 'content-disposition', 'content-encoding', 'content-language', 'expires'] as const

/** The standard headers PutObject keeps with the object and GetObject returns. */
export function storedHeadersFrom(headers: Pick<RequestHeaders, 'get'>): ObjectHeaders {
  const kept: ObjectHeaders = {}
  for (const name of STORED_HEADERS) {
    const value = headers.get(name)
    if (value !== null) kept[name] = value
  }
  return kept
}
