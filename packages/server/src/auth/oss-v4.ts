/**
 * OSS signature V4 (`OSS4-HMAC-SHA256`), header and presigned-URL forms, as ali-oss 6.23 and
 * the Go/Python SDKs build them (spec oss-img §8.3, clients-wire §1.8). Unlike V1 it signs
 * EVERY query parameter (except `x-oss-signature` itself), so a process string, a style or any
 * other parameter cannot be appended to a V4 URL.
 */
import type { RequestHeaders } from '../server-request.js'
import { malformedAuth, missingDate, requestExpired, requestTimeTooSkewed } from './auth-errors.js'
import { OSS_V1_SUBRESOURCES } from './oss-v1.js'
import { byCodeUnits, queryValue, type QueryPair } from './query-pairs.js'
import { assertSignature } from './signature-check.js'
import type { AuthenticatedCaller, VerifyContext } from './types.js'
import { fromHex, hmacSha256, sha256Hex } from './web-crypto.js'

const ALGORITHM = 'OSS4-HMAC-SHA256'
const MAX_EXPIRES_SECONDS = 604_800

/** encodeURIComponent plus `!'()*`: the RFC 3986 unreserved set only (`A-Za-z0-9-_.~`). */
export function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

/** `/<bucket>/<key>` encoded with `/` kept; always includes the bucket, whatever the addressing. */
export function ossV4CanonicalUri(bucket: string | undefined, key: string | undefined): string {
  return rfc3986(`/${bucket ? `${bucket}/` : ''}${key ?? ''}`).replace(/%2F/g, '/')
}

/**
 * The canonical query strings a client may have signed for these parameters. Each pair is split
 * at its FIRST `=` (query-pairs.ts), so a value such as `YS5qcGc=` is signed whole. The wire
 * cannot tell a parameter signed as bare `k` from one signed as `k=`: the Go/Python SDKs write
 * every empty value bare, and ali-oss writes its `subres` bare (always names from the V1
 * sub-resource list: `acl`, `uploads`, `style`, ...) but its plain `query` values as `k=`, both
 * in one request (a `versions` listing with `prefix=`). ali-oss also sorts with `localeCompare`
 * where the other SDKs sort by code unit. Every variant describes the same parameters with the
 * same values (the router reads `k` and `k=` alike), so trying each is safe. The first is the
 * common one.
 */
export function ossV4CanonicalQueries(query: readonly QueryPair[]): string[] {
  const pairs = query.filter((pair) => pair.name !== 'x-oss-signature').map((pair) => ({ ...pair, encodedName: rfc3986(pair.name) }))
  const emptyIsBare: Array<(pair: QueryPair) => boolean> = [
    () => true,
    (pair) => !pair.hasEquals,
    (pair) => !pair.hasEquals || OSS_V1_SUBRESOURCES.has(pair.name),
  ]
  const orders = [byCodeUnits, (a: string, b: string) => a.localeCompare(b)]
  const variants = orders.flatMap((compare) =>
    emptyIsBare.map((bare) =>
      [...pairs]
        .sort((a, b) => compare(a.encodedName, b.encodedName))
        .map((pair) => (pair.value === '' && bare(pair) ? pair.encodedName : `${pair.encodedName}=${rfc3986(pair.value)}`))
        .join('&'),
    ),
  )
  return [...new Set(variants)]
}

/** `name:trimmed-value\n` for content-type, content-md5, every x-oss-* header and the additional ones. */
export function ossV4CanonicalHeaders(headers: RequestHeaders, additional: readonly string[]): string {
  const names = new Set(additional)
  for (const [name] of headers) {
    if (name === 'content-type' || name === 'content-md5' || name.startsWith('x-oss-')) names.add(name)
  }
  return [...names]
    .sort(byCodeUnits)
    .map((name) => `${name}:${(headers.get(name) ?? '').trim()}\n`)
    .join('')
}

export function ossV4CanonicalRequest(parts: {
  method: string
  uri: string
  query: string
  headers: RequestHeaders
  additionalHeaders: readonly string[]
}): string {
  return [
    parts.method.toUpperCase(),
    parts.uri,
    parts.query,
    ossV4CanonicalHeaders(parts.headers, parts.additionalHeaders),
    parts.additionalHeaders.join(';'),
    parts.headers.get('x-oss-content-sha256') ?? 'UNSIGNED-PAYLOAD',
  ].join('\n')
}

export async function ossV4StringToSign(timestamp: string, scope: string, canonicalRequest: string): Promise<string> {
  return [ALGORITHM, timestamp, scope, await sha256Hex(canonicalRequest)].join('\n')
}

// a client signs a day's requests with one derived key: derive it once (bounded; cleared when full)
const SIGNING_KEYS_LIMIT = 256
const signingKeys = new Map<string, Promise<Uint8Array>>()

/** HMAC chain: key `aliyun_v4` + secret over the day, the region, `oss`, `aliyun_v4_request`. */
export function ossV4SigningKey(secret: string, day: string, region: string, product = 'oss'): Promise<Uint8Array> {
  const id = `${secret}\n${day}\n${region}\n${product}`
  let key = signingKeys.get(id)
  if (!key) {
    if (signingKeys.size >= SIGNING_KEYS_LIMIT) signingKeys.clear()
    key = deriveSigningKey(secret, day, region, product)
    signingKeys.set(id, key)
  }
  return key
}

async function deriveSigningKey(secret: string, day: string, region: string, product: string): Promise<Uint8Array> {
  let key = await hmacSha256(`aliyun_v4${secret}`, day)
  key = await hmacSha256(key, region)
  key = await hmacSha256(key, product)
  return hmacSha256(key, 'aliyun_v4_request')
}

interface Credential {
  accessKeyId: string
  day: string
  region: string
  scope: string
}

/** `<ak>/<yyyymmdd>/<region>/oss/aliyun_v4_request`. */
function parseCredential(ctx: VerifyContext, text: string, timestamp: string, argument: string): Credential {
  const parts = text.split('/')
  if (parts.length !== 5 || parts[0] === '' || !/^\d{8}$/.test(parts[1]) || parts[3] !== 'oss' || parts[4] !== 'aliyun_v4_request') {
    throw malformedAuth(`The value: ${text} of parameter: ${argument} is invalid.`, argument, text)
  }
  const [accessKeyId, day, region] = parts
  if (day !== timestamp.slice(0, 8)) {
    throw malformedAuth(`The credential date ${day} does not match the request date ${timestamp}.`, argument, text)
  }
  if (ctx.regions && !ctx.regions.includes(region)) {
    throw malformedAuth(`The region ${region} in the credential is not served here.`, argument, text)
  }
  return { accessKeyId, day, region, scope: parts.slice(1).join('/') }
}

/** `yyyymmddThhmmssZ` to a Date, or null. */
export function parseIsoBasic(text: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text)
  if (!m) return null
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]))
  return Number.isNaN(date.getTime()) ? null : date
}

function parseAdditionalHeaders(text: string | undefined): string[] {
  if (!text) return []
  return text.split(';').map((name) => name.trim().toLowerCase()).filter((name) => name !== '')
}

async function check(ctx: VerifyContext, credential: Credential, timestamp: string, additional: string[], provided: string): Promise<void> {
  const secret = await ctx.secretFor(credential.accessKeyId, 'oss')
  const signingKey = await ossV4SigningKey(secret, credential.day, credential.region)
  const uri = ossV4CanonicalUri(ctx.target.bucket, ctx.target.key)
  const candidates: string[] = []
  for (const query of ossV4CanonicalQueries(ctx.query)) {
    const canonicalRequest = ossV4CanonicalRequest({ method: ctx.method, uri, query, headers: ctx.headers, additionalHeaders: additional })
    candidates.push(await ossV4StringToSign(timestamp, credential.scope, canonicalRequest))
  }
  await assertSignature({
    candidates,
    sign: (stringToSign) => hmacSha256(signingKey, stringToSign),
    provided: fromHex(provided),
    providedText: provided,
    dialect: 'oss',
    accessKeyId: credential.accessKeyId,
  })
}

/** Verifies `Authorization: OSS4-HMAC-SHA256 Credential=…[,AdditionalHeaders=…],Signature=…`. */
export async function verifyOssV4Header(ctx: VerifyContext, authorization: string): Promise<AuthenticatedCaller> {
  const fields = new Map<string, string>()
  for (const part of authorization.trim().slice(ALGORITHM.length).split(',')) {
    const at = part.indexOf('=')
    if (at > 0) fields.set(part.slice(0, at).trim(), part.slice(at + 1).trim())
  }
  const credentialText = fields.get('Credential')
  const provided = fields.get('Signature')
  if (!credentialText || !provided) throw malformedAuth('Authorization header is invalid.', 'Authorization', authorization)
  const timestamp = ctx.headers.get('x-oss-date')
  if (timestamp === null) throw missingDate('OSS4-HMAC-SHA256 requires an x-oss-date header.')
  const requestTime = parseIsoBasic(timestamp)
  if (requestTime === null) throw malformedAuth(`The value: ${timestamp} of parameter: x-oss-date is invalid.`, 'x-oss-date', timestamp)
  if (Math.abs(ctx.now.getTime() - requestTime.getTime()) > ctx.maxSkewSeconds * 1000) {
    throw requestTimeTooSkewed(requestTime, ctx.now, ctx.maxSkewSeconds)
  }
  const credential = parseCredential(ctx, credentialText, timestamp, 'Credential')
  await check(ctx, credential, timestamp, parseAdditionalHeaders(fields.get('AdditionalHeaders')), provided)
  return { anonymous: false, accessKeyId: credential.accessKeyId, scheme: 'oss-v4-header', signedParams: signedNames(ctx.query) }
}

/** Verifies a presigned URL (`x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-credential&…&x-oss-signature`). */
export async function verifyOssV4Query(ctx: VerifyContext): Promise<AuthenticatedCaller> {
  const get = (name: string) => queryValue(ctx.query, name)
  const version = get('x-oss-signature-version')
  if (version !== ALGORITHM) {
    throw malformedAuth(`The value: ${version ?? ''} of parameter: x-oss-signature-version is invalid.`, 'x-oss-signature-version', version)
  }
  const credentialText = get('x-oss-credential')
  const timestamp = get('x-oss-date')
  const expiresText = get('x-oss-expires')
  const provided = get('x-oss-signature')
  if (!credentialText || !timestamp || !expiresText || !provided) {
    throw missingDate('A V4 presigned URL needs x-oss-credential, x-oss-date, x-oss-expires and x-oss-signature.')
  }
  const signedAt = parseIsoBasic(timestamp)
  if (signedAt === null) throw malformedAuth(`The value: ${timestamp} of parameter: x-oss-date is invalid.`, 'x-oss-date', timestamp)
  const expires = /^\d{1,7}$/.test(expiresText) ? Number(expiresText) : NaN
  if (!(expires >= 1 && expires <= MAX_EXPIRES_SECONDS)) {
    throw malformedAuth(`The value: ${expiresText} of parameter: x-oss-expires is invalid.`, 'x-oss-expires', expiresText)
  }
  // A URL may be dated up to the skew allowance ahead of the server clock (OSS: 15 minutes).
  if (signedAt.getTime() - ctx.now.getTime() > ctx.maxSkewSeconds * 1000) {
    throw requestTimeTooSkewed(signedAt, ctx.now, ctx.maxSkewSeconds)
  }
  const expiresAt = new Date(signedAt.getTime() + expires * 1000)
  if (ctx.now.getTime() > expiresAt.getTime()) throw requestExpired(expiresAt, ctx.now)
  const credential = parseCredential(ctx, credentialText, timestamp, 'x-oss-credential')
  await check(ctx, credential, timestamp, parseAdditionalHeaders(get('x-oss-additional-headers')), provided)
  return { anonymous: false, accessKeyId: credential.accessKeyId, scheme: 'oss-v4-query', signedParams: signedNames(ctx.query) }
}

function signedNames(query: readonly QueryPair[]): Set<string> {
  return new Set(query.map((pair) => pair.name).filter((name) => name !== 'x-oss-signature'))
}
