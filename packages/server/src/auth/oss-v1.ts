/**
 * OSS signature V1: `Authorization: OSS <ak>:<base64 hmac-sha1>` (header) and
 * `?OSSAccessKeyId=&Expires=&Signature=` (signed URL), as ali-oss 6.23 and oss2 build them
 * (spec oss-img §8.2, clients-wire §1.7):
 *
 *   VERB \n Content-MD5 \n Content-Type \n Date-or-Expires \n [x-oss-* headers \n] resource
 *
 * The resource is `/<bucket>/<DECODED key>` (same in path, virtual-host and IP modes) plus the
 * sub-resources, sorted, `name=decoded value` or bare `name`. Sub-resource names match case-
 * sensitively, so `X-Oss-Process` is not signed (and OSS then ignores it: spec §11 case 20).
 */
import type { RequestHeaders } from '../server-request.js'
import { malformedAuth, missingDate, requestExpired, requestTimeTooSkewed } from './auth-errors.js'
import { byCodeUnits, queryValue, type QueryPair } from './query-pairs.js'
import { assertSignature } from './signature-check.js'
import type { AuthDialect, AuthenticatedCaller, VerifyContext } from './types.js'
import { fromBase64, hmacSha1 } from './web-crypto.js'

/**
 * Query parameters that are part of the V1 canonical resource: oss2's `_subresource_key_set`,
 * plus `style`/`styleName` (image styles, spec §6) and, deliberately, OBS's `x-image-process`,
 * `x-image-save-object` and `x-image-save-bucket`: this server honours those on every route,
 * so they must never ride unsigned on an OSS-signed URL (a read-only link must not gain a
 * persistence write). Real OSS clients never send them, so no OSS client is affected.
 */
export const OSS_V1_SUBRESOURCES: ReadonlySet<string> = new Set([
  'acl', 'append', 'asyncFetch', 'bucketInfo', 'callback', 'callback-var', 'cname', 'comp',
  'continuation-token', 'cors', 'delete', 'encryption', 'endTime', 'group', 'inventory',
  'inventoryId', 'lifecycle', 'link', 'live', 'location', 'logging', 'metaQuery', 'objectInfo',
  'objectMeta', 'partNumber', 'policy', 'position', 'qos', 'qosInfo', 'referer', 'replication',
  'replicationLocation', 'replicationProgress', 'requestPayment', 'resourceGroup',
  'response-cache-control', 'response-content-disposition', 'response-content-encoding',
  'response-content-language', 'response-content-type', 'response-expires', 'restore',
  'security-token', 'sequential', 'startTime', 'stat', 'status', 'style', 'styleName', 'symlink',
  'tagging', 'transferAcceleration', 'uploadId', 'uploads', 'versionId', 'versioning', 'versions',
  'vod', 'website', 'worm', 'wormExtend', 'wormId', 'x-image-process', 'x-image-save-bucket',
  'x-image-save-object', 'x-oss-async-process', 'x-oss-process', 'x-oss-request-payer',
  'x-oss-traffic-limit',
])

/** `/<bucket>/<key>?<sub-resources>`; `/<bucket>/` for bucket calls, `/` for service calls. */
export function ossV1CanonicalResource(
  bucket: string | undefined,
  key: string | undefined,
  query: readonly QueryPair[],
): { resource: string; signedParams: Set<string> } {
  const path = bucket ? `/${bucket}/${key ?? ''}` : '/'
  const subresources = query
    .filter((pair) => OSS_V1_SUBRESOURCES.has(pair.name))
    .sort((a, b) => byCodeUnits(a.name, b.name))
  const signedParams = new Set(subresources.map((pair) => pair.name))
  if (subresources.length === 0) return { resource: path, signedParams }
  const joined = subresources.map((pair) => (pair.value === '' ? pair.name : `${pair.name}=${pair.value}`)).join('&')
  return { resource: `${path}?${joined}`, signedParams }
}

/** The V1 string to sign; `dateOrExpires` is the x-oss-date/Date header, or the URL's Expires. */
export function ossV1StringToSign(method: string, headers: RequestHeaders, dateOrExpires: string, resource: string): string {
  const lines = [method.toUpperCase(), headers.get('content-md5') ?? '', headers.get('content-type') ?? '', dateOrExpires]
  // Headers iterates lower-cased names in sorted order, duplicates already joined with ", ".
  for (const [name, value] of headers) if (name.startsWith('x-oss-')) lines.push(`${name}:${value.trim()}`)
  lines.push(resource)
  return lines.join('\n')
}

/** Verifies `Authorization: OSS <ak>:<signature>`. */
export async function verifyOssV1Header(ctx: VerifyContext, authorization: string): Promise<AuthenticatedCaller> {
  const match = /^OSS ([^:\s]+):(\S+)$/.exec(authorization.trim())
  if (!match) throw malformedAuth('Authorization header is invalid.', 'Authorization', authorization)
  const [, accessKeyId, provided] = match
  const dateSlot = ctx.headers.get('x-oss-date') ?? ctx.headers.get('date')
  if (dateSlot === null) throw missingDate('Authorization requires a Date or x-oss-date header.')
  const requestTime = new Date(dateSlot)
  if (Number.isNaN(requestTime.getTime())) throw missingDate(`The date ${dateSlot} cannot be parsed.`)
  if (Math.abs(ctx.now.getTime() - requestTime.getTime()) > ctx.maxSkewSeconds * 1000) {
    throw requestTimeTooSkewed(requestTime, ctx.now, ctx.maxSkewSeconds)
  }
  const secret = await ctx.secretFor(accessKeyId, 'oss')
  const { resource, signedParams } = ossV1CanonicalResource(ctx.target.bucket, ctx.target.key, ctx.query)
  const stringToSign = ossV1StringToSign(ctx.method, ctx.headers, dateSlot, resource)
  await checkHmacSha1Base64(secret, [stringToSign], provided, 'oss', accessKeyId)
  return { anonymous: false, accessKeyId, scheme: 'oss-v1-header', signedParams }
}

/** Verifies `?OSSAccessKeyId=<ak>&Expires=<epoch s>&Signature=<base64>`. */
export async function verifyOssV1Query(ctx: VerifyContext): Promise<AuthenticatedCaller> {
  const accessKeyId = queryValue(ctx.query, 'OSSAccessKeyId') ?? ''
  const expires = queryValue(ctx.query, 'Expires')
  const provided = queryValue(ctx.query, 'Signature')
  if (expires === undefined || provided === undefined || accessKeyId === '') {
    throw missingDate('A signed URL needs OSSAccessKeyId, Expires and Signature.')
  }
  if (!/^\d{1,12}$/.test(expires)) throw malformedAuth(`The value: ${expires} of parameter: Expires is invalid.`, 'Expires', expires)
  const expiresAt = new Date(Number(expires) * 1000)
  if (ctx.now.getTime() > expiresAt.getTime()) throw requestExpired(expiresAt, ctx.now)
  const secret = await ctx.secretFor(accessKeyId, 'oss')
  const { resource, signedParams } = ossV1CanonicalResource(ctx.target.bucket, ctx.target.key, ctx.query)
  const stringToSign = ossV1StringToSign(ctx.method, ctx.headers, expires, resource)
  await checkHmacSha1Base64(secret, [stringToSign], provided, 'oss', accessKeyId)
  return { anonymous: false, accessKeyId, scheme: 'oss-v1-query', signedParams }
}

/** HMAC-SHA1, base64: shared by OSS V1 and OBS/AWS V2. */
export function checkHmacSha1Base64(
  secret: string,
  candidates: readonly string[],
  provided: string,
  dialect: AuthDialect,
  accessKeyId: string,
): Promise<void> {
  return assertSignature({
    candidates,
    sign: (stringToSign) => hmacSha1(secret, stringToSign),
    // An unescaped `+` in a URL arrives as a space; base64 never contains one, so put it back.
    provided: fromBase64(provided.replace(/ /g, '+')),
    providedText: provided,
    dialect,
    accessKeyId,
  })
}
