/**
 * PutObject, GetObject, HeadObject and DeleteObject.
 *
 * - PutObject buffers the body up to `limits.maxBodyBytes`, checks Content-MD5 when sent,
 *   stores `x-*-meta-*` and `x-oss-object-acl`, and answers the ETag (the body's MD5).
 * - GetObject honours Range (206), If-None-Match / If-Modified-Since (304) and If-Match /
 *   If-Unmodified-Since (412). HeadObject is the same without a body.
 * - DeleteObject answers 204 whether or not the key existed.
 */
import { ImgError, type ObjectMeta } from '@imgproc/types'
import { aclFromHeaders } from '../acl.js'
import { assertObjectName } from '../address.js'
import { checkContentMd5, readBody } from '../body.js'
import { checkConditions, parseRange } from '../conditions.js'
import type { ObjectContext } from '../context.js'
import { noSuchKey, objectHeaders, quotedEtag, storedHeadersFrom, userMetaFromHeaders } from './shared.js'

export async function putObject(ctx: ObjectContext): Promise<Response> {
  assertObjectName(ctx.key)
  await ctx.access.assertWritable(ctx.bucket, ctx.key)
  if (ctx.req.headers.has('x-oss-copy-source') || ctx.req.headers.has('x-obs-copy-source') || ctx.req.headers.has('x-amz-copy-source')) {
    throw new ImgError('NotImplemented', 'CopyObject is not implemented.')
  }
  const acl = aclFromHeaders(ctx.req.headers, 'object')
  const body = await readBody(ctx.req, ctx.limits.maxBodyBytes)
  ctx.bytesIn += body.byteLength
  checkContentMd5(ctx.req, body)
  const meta = await ctx.storage.put(ctx.bucket, ctx.key, body, {
    contentType: ctx.req.headers.get('content-type') ?? 'application/octet-stream',
    userMeta: userMetaFromHeaders(ctx.req.headers),
    headers: storedHeadersFrom(ctx.req.headers),
    ...(acl === undefined ? {} : { acl }),
    signal: ctx.signal,
  })
  return new Response(null, { status: 200, headers: { etag: quotedEtag(meta, ctx.dialect) } })
}

/** The object's metadata after the bucket, ACL and existence checks every read shares (object-access.ts). */
export function readableObject(ctx: ObjectContext): Promise<ObjectMeta> {
  return ctx.access.readableMeta(ctx.bucket, ctx.key)
}

export async function getObject(ctx: ObjectContext): Promise<Response> {
  const meta = await readableObject(ctx)
  const headers = objectHeaders(meta, ctx.dialect)
  if (checkConditions(ctx.req.headers, meta) === 'not-modified') return new Response(null, { status: 304, headers })
  const range = parseRange(ctx.req.headers.get('range'), meta.size)
  headers.set('content-type', meta.contentType)
  if (ctx.method === 'HEAD') {
    headers.set('content-length', String(meta.size))
    return new Response(null, { status: 200, headers })
  }
  // the client's signal, not the deadline: a large download may stream for longer than the
  // deadline allows image work, and must not be cut off mid-body
  const stored = await ctx.storage.get(ctx.bucket, ctx.key, { ...(range ? { range } : {}), signal: ctx.req.signal })
  if (stored === null) throw noSuchKey(ctx.key)
  if (stored.notModified) return new Response(null, { status: 304, headers })
  if (range) {
    const served = stored.range ?? range
    headers.set('content-range', `bytes ${served.start}-${served.end}/${stored.size}`)
    headers.set('content-length', String(served.end - served.start + 1))
    return new Response(stored.body, { status: 206, headers })
  }
  headers.set('content-length', String(stored.size))
  return new Response(stored.body, { status: 200, headers })
}

export async function deleteObject(ctx: ObjectContext): Promise<Response> {
  await ctx.access.assertWritable(ctx.bucket, ctx.key)
  await ctx.storage.delete(ctx.bucket, ctx.key)
  return new Response(null, { status: 204 })
}
