/**
 * The V2 signature of esdk-obs-nodejs 3.26.8 in both its dialects (spec clients-wire §2.6,
 * oss-img §9.4): `OBS ak:sig` with `x-obs-*` headers and `AccessKeyId` in URLs, or the
 * AWS-compatible `AWS ak:sig` with `x-amz-*` headers and `AWSAccessKeyId` in URLs.
 *
 *   VERB \n Content-MD5 \n Content-Type \n Date-or-Expires \n [x-obs-* headers \n] resource
 *
 * Unlike OSS V1 the resource keeps the path AS SENT (still percent-encoded): `/bkt/dir/a%20b.jpg`.
 */
import type { RequestHeaders } from '../server-request.js'
import { malformedAuth, missingDate, requestExpired, requestTimeTooSkewed } from './auth-errors.js'
import { checkHmacSha1Base64 } from './oss-v1.js'
import { byCodeUnits, queryValue, type QueryPair } from './query-pairs.js'
import type { AuthenticatedCaller, VerifyContext } from './types.js'

export type V2Dialect = 'obs' | 'aws'

/**
 * esdk-obs-nodejs's `allowedResourceParameterNames` (matched on the lower-cased name), plus
 * `style` and `stylename`: the router serves OSS style calls on every dialect, so they must
 * never ride unsigned (no OBS client sends them).
 */
export const OBS_V2_SUBRESOURCES: ReadonlySet<string> = new Set([
  'acl', 'append', 'attname', 'backtosource', 'bucketstatus', 'cors', 'customdomain', 'delete',
  'deletebucket', 'directcoldaccess', 'encryption', 'inventory', 'length', 'lifecycle', 'location',
  'logging', 'metadata', 'mirrorbacktosource', 'modify', 'name', 'notification', 'object-lock',
  'obsalias', 'obsbucketalias', 'obscompresspolicy', 'obsworkflowtriggerpolicy', 'partnumber',
  'policy', 'policystatus', 'position', 'publicaccessblock', 'quota', 'rename', 'replication',
  'requestpayment', 'response-cache-control', 'response-content-disposition',
  'response-content-encoding', 'response-content-language', 'response-content-type',
  'response-expires', 'restore', 'retention', 'storageclass', 'storageinfo', 'storagepolicy',
  'style', 'stylename', 'tagging', 'torrent', 'truncate', 'uploadid', 'uploads', 'versionid',
  'versioning', 'versions', 'website', 'x-image-process', 'x-image-save-bucket',
  'x-image-save-object', 'x-obs-security-token', 'x-oss-process', 'x-workflow-execution-state',
  'x-workflow-execution-type', 'x-workflow-graph-name', 'x-workflow-limit',
  'x-workflow-next-marker', 'x-workflow-prefix', 'x-workflow-start', 'x-workflow-template-name',
])

const URL_AUTH_PARAMS = new Set(['AccessKeyId', 'AWSAccessKeyId', 'Expires', 'Signature'])

function headerPrefix(dialect: V2Dialect): string {
  return dialect === 'obs' ? 'x-obs-' : 'x-amz-'
}

function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/**
 * `/<bucket>` + the path as sent. The router's decoded bucket and key tell which addressing the
 * request used: virtual-host when the path decodes to `/<key>`, path style when it decodes to
 * `/<bucket>/<key>`. Anything else (a router that rewrote the path) falls back to the encoding
 * esdk-obs-nodejs itself applies to the key, so a resource never names another object.
 */
export function obsV2ResourcePath(wirePath: string, bucket: string | undefined, key: string | undefined): string {
  if (!bucket) return wirePath === '' ? '/' : wirePath
  const decoded = decodeComponent(wirePath)
  if (decoded === `/${key ?? ''}`) return `/${bucket}${wirePath}`
  if (key === undefined ? decoded === `/${bucket}` || decoded === `/${bucket}/` : decoded === `/${bucket}/${key}`) return wirePath
  return `/${bucket}/${key === undefined ? '' : esdkEncode(key)}`
}

/** esdk-obs-nodejs's `encodeURIWithSafe(key, '/')`: encodeURIComponent plus `!*'()`, `/` kept. */
export function esdkEncode(text: string): string {
  return text
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/')
}

/** Header form: sort the raw `k=v` strings, keep allow-listed names, write `name[=decoded value]`. */
export function obsV2HeaderSubresources(query: readonly QueryPair[]): { text: string; signedParams: Set<string> } {
  const kept: string[] = []
  const signedParams = new Set<string>()
  for (const pair of [...query].sort((a, b) => byCodeUnits(a.raw, b.raw))) {
    if (!OBS_V2_SUBRESOURCES.has(pair.name.toLowerCase())) continue
    signedParams.add(pair.name)
    // The value is everything after the FIRST `=` (issue 12). esdk itself splits on every `=`
    // and drops the value unless there was exactly one, which is harmless for it because it
    // always sends `=` inside a value as `%3D`; a server doing the same would sign only the name
    // of `x-image-save-object=YS5qcGc=` and accept any other padded value under that signature.
    // Values are decoded as URLSearchParams decodes them (esdk uses decodeURIComponent; the two
    // differ only on a raw `+`, which esdk never sends): what is verified is what the router reads.
    kept.push(pair.rawValue !== '' ? `${pair.name}=${pair.value}` : pair.name)
  }
  return { text: kept.length > 0 ? `?${kept.join('&')}` : '', signedParams }
}

/** URL form: sort by name, keep allow-listed and dialect-prefixed names, write `wire-name[=decoded value]`. */
export function obsV2QuerySubresources(query: readonly QueryPair[], dialect: V2Dialect): { text: string; signedParams: Set<string> } {
  const prefix = headerPrefix(dialect)
  const kept = query
    .filter((pair) => !URL_AUTH_PARAMS.has(pair.name))
    .filter((pair) => OBS_V2_SUBRESOURCES.has(pair.name.toLowerCase()) || pair.name.toLowerCase().startsWith(prefix))
    .sort((a, b) => byCodeUnits(a.name, b.name))
  const text = kept.map((pair) => (pair.rawValue !== '' ? `${pair.rawName}=${pair.value}` : pair.rawName)).join('&')
  return { text: kept.length > 0 ? `?${text}` : '', signedParams: new Set(kept.map((pair) => pair.name)) }
}

export function obsV2StringToSign(method: string, headers: RequestHeaders, dateOrExpires: string, dialect: V2Dialect, resource: string): string {
  const prefix = headerPrefix(dialect)
  const lines = [method.toUpperCase(), headers.get('content-md5') ?? '', headers.get('content-type') ?? '', dateOrExpires]
  for (const [name, value] of headers) if (name.startsWith(prefix)) lines.push(`${name}:${value}`)
  lines.push(resource)
  return lines.join('\n')
}

/** Verifies `Authorization: OBS <ak>:<sig>` or `Authorization: AWS <ak>:<sig>`. */
export async function verifyObsV2Header(ctx: VerifyContext, authorization: string, dialect: V2Dialect): Promise<AuthenticatedCaller> {
  const match = /^(?:OBS|AWS) ([^:\s]+):(\S+)$/.exec(authorization.trim())
  if (!match) throw malformedAuth('Authorization header is invalid.', 'Authorization', authorization)
  const [, accessKeyId, provided] = match
  const date = ctx.headers.get('date')
  const prefixedDate = ctx.headers.get(`${headerPrefix(dialect)}date`)
  const clock = prefixedDate ?? date
  if (clock === null) throw missingDate(`Authorization requires a Date or ${headerPrefix(dialect)}date header.`)
  const requestTime = new Date(clock)
  if (Number.isNaN(requestTime.getTime())) throw missingDate(`The date ${clock} cannot be parsed.`)
  if (Math.abs(ctx.now.getTime() - requestTime.getTime()) > ctx.maxSkewSeconds * 1000) {
    throw requestTimeTooSkewed(requestTime, ctx.now, ctx.maxSkewSeconds)
  }
  const secret = await ctx.secretFor(accessKeyId, dialect)
  const path = obsV2ResourcePath(ctx.url.pathname, ctx.target.bucket, ctx.target.key)
  const { text, signedParams } = obsV2HeaderSubresources(ctx.query)
  // With an x-obs-date/x-amz-date header the S3 family leaves the Date line empty; esdk signs
  // whatever Date header it sent. Both describe the same request.
  const dateSlots = prefixedDate === null ? [date ?? ''] : [...new Set([date ?? '', ''])]
  const candidates = dateSlots.map((slot) => obsV2StringToSign(ctx.method, ctx.headers, slot, dialect, path + text))
  await checkHmacSha1Base64(secret, candidates, provided, dialect, accessKeyId)
  return { anonymous: false, accessKeyId, scheme: dialect === 'obs' ? 'obs-v2-header' : 'aws-v2-header', signedParams }
}

/** Verifies `?AccessKeyId=…&Expires=…&Signature=…` (OBS) or `?AWSAccessKeyId=…` (AWS). */
export async function verifyObsV2Query(ctx: VerifyContext, dialect: V2Dialect): Promise<AuthenticatedCaller> {
  const accessKeyId = queryValue(ctx.query, dialect === 'obs' ? 'AccessKeyId' : 'AWSAccessKeyId') ?? ''
  const expires = queryValue(ctx.query, 'Expires')
  const provided = queryValue(ctx.query, 'Signature')
  if (expires === undefined || provided === undefined || accessKeyId === '') {
    throw missingDate(`A signed URL needs ${dialect === 'obs' ? 'AccessKeyId' : 'AWSAccessKeyId'}, Expires and Signature.`)
  }
  if (!/^\d{1,12}$/.test(expires)) throw malformedAuth(`The value: ${expires} of parameter: Expires is invalid.`, 'Expires', expires)
  const expiresAt = new Date(Number(expires) * 1000)
  if (ctx.now.getTime() > expiresAt.getTime()) throw requestExpired(expiresAt, ctx.now)
  const secret = await ctx.secretFor(accessKeyId, dialect)
  const path = obsV2ResourcePath(ctx.url.pathname, ctx.target.bucket, ctx.target.key)
  const { text, signedParams } = obsV2QuerySubresources(ctx.query, dialect)
  const stringToSign = obsV2StringToSign(ctx.method, ctx.headers, expires, dialect, path + text)
  await checkHmacSha1Base64(secret, [stringToSign], provided, dialect, accessKeyId)
  return { anonymous: false, accessKeyId, scheme: dialect === 'obs' ? 'obs-v2-query' : 'aws-v2-query', signedParams }
}
