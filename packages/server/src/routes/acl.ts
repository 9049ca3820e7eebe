/**
 * PutBucketACL / GetBucketACL and PutObjectACL / GetObjectACL. The ACL travels in a header on
 * PUT (`x-oss-acl`, `x-oss-object-acl`, `x-obs-acl`, `x-amz-acl`); GET answers OSS's
 * `<AccessControlPolicy>` document.
 */
import { ImgError, type Acl } from '@imgproc/types'
import { aclFromHeaders, authorize } from '../acl.js'
import type { BucketContext, ObjectContext } from '../context.js'
import { xmlResponse } from '../xml/xml.js'
import { noSuchKey, OWNER, requireBucket } from './shared.js'

function aclDocument(acl: Acl): Response {
  return xmlResponse({ AccessControlPolicy: { Owner: OWNER, AccessControlList: { Grant: acl } } })
}

function requiredAcl(ctx: BucketContext, kind: 'bucket' | 'object'): Acl {
  const acl = aclFromHeaders(ctx.req.headers, kind)
  if (acl === undefined) {
    throw new ImgError('MissingArgument', `Put${kind === 'bucket' ? 'Bucket' : 'Object'}ACL needs the ACL in the ${kind === 'bucket' ? 'x-oss-acl' : 'x-oss-object-acl'} header.`, {
      argument: kind === 'bucket' ? 'x-oss-acl' : 'x-oss-object-acl',
    })
  }
  return acl
}

export async function putBucketAcl(ctx: BucketContext): Promise<Response> {
  authorize(ctx.caller, 'owner', 'private')
  await requireBucket(ctx)
  await ctx.storage.setBucketAcl(ctx.bucket, requiredAcl(ctx, 'bucket'))
  return new Response(null, { status: 200 })
}

export async function getBucketAcl(ctx: BucketContext): Promise<Response> {
  authorize(ctx.caller, 'owner', 'private')
  const info = await requireBucket(ctx)
  return aclDocument(info.acl)
}

export async function putObjectAcl(ctx: ObjectContext): Promise<Response> {
  authorize(ctx.caller, 'owner', 'private')
  await requireBucket(ctx)
  const acl = requiredAcl(ctx, 'object')
  if ((await ctx.storage.head(ctx.bucket, ctx.key)) === null) throw noSuchKey(ctx.key)
  await ctx.storage.setObjectAcl(ctx.bucket, ctx.key, acl)
  return new Response(null, { status: 200 })
}

export async function getObjectAcl(ctx: ObjectContext): Promise<Response> {
  authorize(ctx.caller, 'owner', 'private')
  await requireBucket(ctx)
  const meta = await ctx.storage.head(ctx.bucket, ctx.key)
  if (meta === null) throw noSuchKey(ctx.key)
  return aclDocument(meta.acl)
}
