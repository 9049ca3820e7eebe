/**
 * Helpers several routes share: the bucket lookup, object reply headers, user metadata and the
 * owner element of ACL/list replies.
 */
import { ImgError, type BucketInfo, type ObjectHeaders, type ObjectMeta } from '@imgproc/types'
import type { BucketContext } from '../context.js'
import { headerPrefix, type ApiDialect } from '../dialect.js'
import { noSuchBucket } from '../object-access.js'

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
  const headers = new Headers({
    etag: quotedEtag(meta, dialect),
    'last-modified': meta.lastModified.toUTCString(),
    'accept-ranges': 'bytes',
  })
  for (const [name, value] of Object.entries(meta.headers ?? {})) if (value !== undefined) headers.set(name, value)
  const prefix = headerPrefix(dialect)
  for (const [name, value] of Object.entries(meta.userMeta)) headers.set(`${prefix}meta-${name}`, value)
  if (dialect === 'oss') {
    headers.set('x-oss-object-type', 'Normal')
    headers.set('x-oss-storage-class', 'Standard')
  }
  return headers
}

/** `x-oss-meta-*`, `x-obs-meta-*` and `x-amz-meta-*` request headers, keys lower-cased, prefix removed. */
export function userMetaFromHeaders(headers: Headers): Record<string, string> {
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
export function storedHeadersFrom(headers: Headers): ObjectHeaders {
  const kept: ObjectHeaders = {}
  for (const name of STORED_HEADERS) {
    const value = headers.get(name)
    if (value !== null) kept[name] = value
  }
  return kept
}
