/**
 * PutBucket (`x-oss-acl` / `x-obs-acl` / `x-amz-acl` sets the ACL), HeadBucket, DeleteBucket and
 * OBS's unsigned `HEAD /?apiversion` negotiation.
 */
import type { BucketContext, RequestContext } from '../context.js'
import { xmlResponse } from '../xml/xml.js'
import { aclFromHeaders, authorize } from '../acl.js'
import { assertBucketName } from '../address.js'
import { readBody } from '../body.js'
import { OWNER, requireBucket } from './shared.js'

export async function putBucket(ctx: BucketContext): Promise<Response> {
  authorize(ctx.caller, 'owner', 'private')
  assertBucketName(ctx.bucket)
  const acl = aclFromHeaders(ctx.req.headers, 'bucket')
  // the optional <CreateBucketConfiguration> body (storage class, location) has no meaning here
  ctx.bytesIn += (await readBody(ctx.req, 64 * 1024)).byteLength
  // OSS answers 200 when the caller already owns the bucket; single-tenant, it always does
  const created = await ctx.storage.createBucket(ctx.bucket, acl === undefined ? {} : { acl })
  if (!created && acl !== undefined) await ctx.storage.setBucketAcl(ctx.bucket, acl)
  return new Response(null, { status: 200, headers: { location: `/${ctx.bucket}` } })
}

export async function headBucket(ctx: BucketContext): Promise<Response> {
  const info = await requireBucket(ctx)
  authorize(ctx.caller, 'read', info.acl)
  return new Response(null, { status: 200 })
}

export async function deleteBucket(ctx: BucketContext): Promise<Response> {
  authorize(ctx.caller, 'owner', 'private')
  await requireBucket(ctx)
  await ctx.storage.deleteBucket(ctx.bucket)
  return new Response(null, { status: 204 })
}

/** esdk-obs-nodejs asks this (unsigned) before choosing the OBS signature; 3.0 means "speak OBS". */
export async function apiVersion(_ctx: RequestContext): Promise<Response> {
  return new Response(null, { status: 200, headers: { 'x-obs-api': '3.0' } })
}

/** ListBuckets (`GET /` with no bucket): owner only. */
export async function listBuckets(ctx: RequestContext): Promise<Response> {
  authorize(ctx.caller, 'owner', 'private')
  const buckets = await ctx.storage.listBuckets()
  return xmlResponse({
    ListAllMyBucketsResult: {
      Owner: OWNER,
      Buckets: { Bucket: buckets.map((b) => ({ Name: b.name, CreationDate: b.createdAt.toISOString(), StorageClass: 'Standard' })) },
    },
  })
}
