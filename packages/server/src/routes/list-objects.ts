/**
 * ListObjects (v1: `prefix`, `marker`, `delimiter`, `max-keys`) and ListObjectsV2
 * (`list-type=2`: `continuation-token`, `start-after`, `fetch-owner`), with
 * `encoding-type=url` honoured. Pages come from the adapter's cursor.
 */
import { ImgError, type ListEntry } from '@imgproc/types'
import { authorize } from '../acl.js'
import type { BucketContext } from '../context.js'
import { xmlResponse, type XmlTree } from '../xml/xml.js'
import { OWNER, quotedEtag, requireBucket } from './shared.js'

function maxKeys(query: URLSearchParams): number {
  const raw = query.get('max-keys')
  if (raw === null || raw === '') return 100
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 1 || value > 1000) {
    throw new ImgError('InvalidArgument', `The value: ${raw} of parameter: max-keys is invalid.`, { argument: 'max-keys', value: raw })
  }
  return value
}

export async function listObjects(ctx: BucketContext): Promise<Response> {
  const info = await requireBucket(ctx)
  authorize(ctx.caller, 'read', info.acl)
  const q = ctx.query
  const v2 = q.get('list-type') === '2'
  const urlEncoded = q.get('encoding-type') === 'url'
  const encode = (text: string) => (urlEncoded ? encodeURIComponent(text) : text)
  const prefix = q.get('prefix') ?? ''
  const delimiter = q.get('delimiter') ?? ''
  const limit = maxKeys(q)
  const token = v2 ? (q.get('continuation-token') ?? '') : ''
  const startAfter = v2 ? (q.get('start-after') ?? '') : (q.get('marker') ?? '')
  const page = await ctx.storage.list(ctx.bucket, {
    ...(prefix ? { prefix } : {}),
    ...(delimiter ? { delimiter } : {}),
    ...(token ? { cursor: token } : {}),
    ...(startAfter ? { startAfter } : {}),
    maxKeys: limit,
    signal: ctx.signal,
  })
  const withOwner = !v2 || q.get('fetch-owner') === 'true'
  const contents = page.objects.map((meta: ListEntry) => {
    const entry: XmlTree = {
      Key: encode(meta.key),
      LastModified: meta.lastModified.toISOString(),
      ETag: quotedEtag(meta, ctx.dialect),
      Type: 'Normal',
      Size: meta.size,
      StorageClass: 'Standard',
    }
    if (withOwner) entry.Owner = OWNER
    return entry
  })
  const truncated = page.nextCursor !== undefined
  const result: XmlTree = { Name: ctx.bucket, Prefix: encode(prefix) }
  if (v2) {
    if (q.has('continuation-token')) result.ContinuationToken = q.get('continuation-token') ?? ''
    if (q.has('start-after')) result.StartAfter = encode(q.get('start-after') ?? '')
  } else {
    result.Marker = encode(startAfter)
  }
  result.MaxKeys = limit
  result.Delimiter = encode(delimiter)
  if (urlEncoded) result.EncodingType = 'url'
  result.IsTruncated = String(truncated)
  if (truncated) {
    if (v2) result.NextContinuationToken = page.nextCursor
    // v1 pages restart from a key: the last one listed (or the last common prefix)
    else result.NextMarker = encode(lastListed(page.objects, page.commonPrefixes))
  }
  if (v2) result.KeyCount = page.objects.length + page.commonPrefixes.length
  result.Contents = contents
  result.CommonPrefixes = page.commonPrefixes.map((p) => ({ Prefix: encode(p) }))
  return xmlResponse({ ListBucketResult: result })
}

function lastListed(objects: ListEntry[], prefixes: string[]): string {
  const lastKey = objects.at(-1)?.key ?? ''
  const lastPrefix = prefixes.at(-1) ?? ''
  return lastKey > lastPrefix ? lastKey : lastPrefix
}
