/**
 * ObjectMeta <-> S3 headers. imgproc's own fields ride in `x-amz-meta-imgproc-*` user metadata
 * (hidden from `userMeta`):
 * - the object ACL: S3 ACLs are disabled on new AWS buckets and have no "inherit the bucket"
 *   value, and the imgproc server enforces ACLs itself, so the store only has to keep the value;
 * - Content-Encoding: stored as metadata, not as the real header, because `fetch` decodes
 *   gzip/br bodies on the way in (Node, Deno, Workers), which would hand back other bytes.
 */
import type { Acl, ObjectHeaders, ObjectMeta, PutOptions } from '@imgproc/types'
import { DEFAULT_CONTENT_TYPE, normaliseUserMeta, pickHeaders } from '../object-meta.js'
import { stripQuotes } from './xml.js'

const META = 'x-amz-meta-'
const OWN = `${META}imgproc-`
const ACL_HEADER = `${OWN}acl`
const ENCODING_HEADER = `${OWN}content-encoding`
const PLAIN_HEADERS = ['cache-control', 'content-disposition', 'content-language', 'expires'] as const
const ACLS: readonly Acl[] = ['private', 'public-read', 'public-read-write', 'default']

/** Request headers that store `options` with a PUT, multipart initiate or metadata copy. */
export function putHeaders(options: Pick<PutOptions, 'contentType' | 'userMeta' | 'headers' | 'acl'>): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': options.contentType || DEFAULT_CONTENT_TYPE }
  for (const [name, value] of Object.entries(normaliseUserMeta(options.userMeta))) {
    if (name.startsWith('imgproc-')) continue // reserved for the adapter's own fields
    headers[`${META}${name}`] = value
  }
  const standard = pickHeaders(options.headers)
  for (const name of PLAIN_HEADERS) if (standard[name] !== undefined) headers[name] = standard[name]!
  if (standard['content-encoding'] !== undefined) headers[ENCODING_HEADER] = standard['content-encoding']
  headers[ACL_HEADER] = options.acl ?? 'default'
  return headers
}

/** The object's metadata from HEAD/GET response headers (size from Content-Range when ranged). */
export function metaFromHeaders(key: string, headers: Headers): ObjectMeta {
  const contentRange = headers.get('content-range')
  const total = contentRange ? Number(contentRange.split('/')[1]) : Number(headers.get('content-length') ?? 0)
  const userMeta: Record<string, string> = {}
  const standard: ObjectHeaders = {}
  headers.forEach((value, name) => {
    if (name.startsWith(META) && !name.startsWith(OWN)) userMeta[name.slice(META.length)] = value
  })
  for (const name of PLAIN_HEADERS) {
    const value = headers.get(name)
    if (value !== null) standard[name] = value
  }
  const encoding = headers.get(ENCODING_HEADER)
  if (encoding !== null) standard['content-encoding'] = encoding
  const acl = headers.get(ACL_HEADER) as Acl | null
  return {
    key,
    size: total,
    etag: stripQuotes(headers.get('etag') ?? ''),
    lastModified: new Date(headers.get('last-modified') ?? 0),
    contentType: headers.get('content-type') ?? DEFAULT_CONTENT_TYPE,
    userMeta,
    headers: standard,
    acl: acl && ACLS.includes(acl) ? acl : 'default',
  }
}
