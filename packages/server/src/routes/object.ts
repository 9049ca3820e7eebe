/**
 * PutObject, GetObject, HeadObject and DeleteObject.
 *
 * - PutObject buffers the body up to `limits.maxBodyBytes`, checks Content-MD5 when sent,
 *   stores `x-*-meta-*` and `x-oss-object-acl`, and answers the ETag (the body's MD5).
 * - GetObject honours Range (206), If-None-Match / If-Modified-Since (304) and If-Match /
 *   If-Unmodified-Since (412). HeadObject is the same without a body. A GET without Range reads
 *   the object once (metadata and body together, ACL decided on that metadata); HEAD and ranged
 *   GETs read the metadata first.
 *
 * They answer with plain Replies (server-request.ts): the Node adapter writes small bodies as
 * bytes, without a Web stream.
 * - DeleteObject answers 204 whether or not the key existed.
 */
import { ImgError, type ObjectMeta, type StoredObject } from '@imgproc/types'
import { aclFromHeaders } from '../acl.js'
import { assertObjectName } from '../address.js'
import { checkContentMd5, readBody } from '../body.js'
import { checkConditions, parseRange } from '../conditions.js'
import type { ObjectContext } from '../context.js'
import { Reply } from '../server-request.js'
import { noSuchKey, objectHeaderRecord, quotedEtag, storedHeadersFrom, userMetaFromHeaders } from './shared.js'

export async function putObject(ctx: ObjectContext): Promise<Reply> {
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
  return new Reply(200, { etag: quotedEtag(meta, ctx.dialect) })
}

/** The object's metadata after the bucket, ACL and existence checks every read shares (object-access.ts). */
export function readableObject(ctx: ObjectContext): Promise<ObjectMeta> {
  return ctx.access.readableMeta(ctx.bucket, ctx.key)
}

export async function getObject(ctx: ObjectContext): Promise<Reply> {
  const rangeHeader = ctx.req.headers.get('range')
  if (ctx.method === 'HEAD' || rangeHeader !== null) return getByMeta(ctx, rangeHeader)
  // the client's signal, not the deadline: a large download may stream for longer than the
  // deadline allows image work, and must not be cut off mid-body
  const stored = await ctx.access.readableObject(ctx.bucket, ctx.key, ctx.req.signal)
  const headers = objectHeaderRecord(stored, ctx.dialect)
  let conditions: 'ok' | 'not-modified'
  try {
    conditions = checkConditions(ctx.req.headers, stored)
  } catch (error) {
    await discard(stored)
    throw error
  }
  if (conditions === 'not-modified') {
    await discard(stored)
    return new Reply(304, headers)
  }
  headers['content-type'] = stored.contentType
  headers['content-length'] = String(stored.size)
  return new Reply(200, headers, stored.bytes ?? stored.body)
}

/** HEAD, and GET with Range: the metadata decides (conditions, the span), then the span is read. */
async function getByMeta(ctx: ObjectContext, rangeHeader: string | null): Promise<Reply> {
  const meta = await readableObject(ctx)
  const headers = objectHeaderRecord(meta, ctx.dialect)
  if (checkConditions(ctx.req.headers, meta) === 'not-modified') return new Reply(304, headers)
  const range = parseRange(rangeHeader, meta.size)
  headers['content-type'] = meta.contentType
  if (ctx.method === 'HEAD') {
    headers['content-length'] = String(meta.size)
    return new Reply(200, headers)
  }
  const stored = await ctx.storage.get(ctx.bucket, ctx.key, { ...(range ? { range } : {}), signal: ctx.req.signal })
  if (stored === null) throw noSuchKey(ctx.key)
  if (stored.notModified) return new Reply(304, headers)
  const body = stored.bytes ?? stored.body
  if (range) {
    const served = stored.range ?? range
    headers['content-range'] = `bytes ${served.start}-${served.end}/${stored.size}`
    headers['content-length'] = String(served.end - served.start + 1)
    return new Reply(206, headers, body)
  }
  headers['content-length'] = String(stored.size)
  return new Reply(200, headers, body)
}

/** Lets go of a body that will not be sent (an adapter may hold a file open for it). */
async function discard(stored: StoredObject): Promise<void> {
  if (!stored.bytes) await stored.body.cancel().catch(() => {})
}

export async function deleteObject(ctx: ObjectContext): Promise<Reply> {
  await ctx.access.assertWritable(ctx.bucket, ctx.key)
  await ctx.storage.delete(ctx.bucket, ctx.key)
  return new Reply(204, {})
}
