/**
 * Who may do what. The server is single-tenant: any request signed with a known credential
 * acts as the owner of every bucket. Anonymous requests get only what the ACLs grant:
 *
 * | access  | granted anonymously when                                                    |
 * | ------- | --------------------------------------------------------------------------- |
 * | `read`  | the object's ACL (or, when it is `default`, the bucket's) is public-read(-write); for bucket-level reads (ListObjects) the bucket's |
 * | `write` | the same ACL is public-read-write                                             |
 * | `owner` | never (bucket creation and ACLs, styles)                                    |
 */
import { ImgError, type Acl } from '@imgproc/types'
import type { Caller } from './auth/index.js'
import type { RequestHeaders } from './server-request.js'

export type Access = 'read' | 'write' | 'owner'

const BUCKET_ACLS: readonly Acl[] = ['private', 'public-read', 'public-read-write']
const OBJECT_ACLS: readonly Acl[] = [...BUCKET_ACLS, 'default']

export function effectiveAcl(bucketAcl: Acl, objectAcl?: Acl): Acl {
  return objectAcl === undefined || objectAcl === 'default' ? bucketAcl : objectAcl
}

export function allows(acl: Acl, access: Access): boolean {
  if (access === 'owner') return false
  if (access === 'read') return acl === 'public-read' || acl === 'public-read-write'
  return acl === 'public-read-write'
}

/** Throws 403 AccessDenied unless the caller is signed or the ACL grants `access`. */
export function authorize(caller: Caller, access: Access, acl: Acl): void {
  if (!caller.anonymous || allows(acl, access)) return
  const message =
    access === 'owner'
      ? 'Anonymous access is forbidden for this operation.'
      : 'You have no right to access this object because of bucket acl.'
  throw new ImgError('AccessDenied', message)
}

/**
 * The ACL named in `x-oss-acl` / `x-oss-object-acl` / `x-obs-acl` / `x-amz-acl`, checked against
 * the values the resource accepts. OBS's `public-read-delivered` variants map to their base.
 */
export function aclFromHeaders(headers: Pick<RequestHeaders, 'get'>, kind: 'bucket' | 'object'): Acl | undefined {
  const raw =
    headers.get(kind === 'bucket' ? 'x-oss-acl' : 'x-oss-object-acl') ??
    headers.get('x-obs-acl') ??
    headers.get('x-amz-acl') ??
    (kind === 'object' ? headers.get('x-oss-acl') : null)
  if (raw === null) return undefined
  const value = raw.trim().replace(/-delivered$/, '') as Acl
  const allowed = kind === 'bucket' ? BUCKET_ACLS : OBJECT_ACLS
  if (!allowed.includes(value)) {
    throw new ImgError('InvalidArgument', `The value: ${raw} of parameter: acl is invalid.`, { argument: 'x-oss-acl', value: raw })
  }
  return value
}
