/**
 * `createAuthenticator(options)` returns `authenticate(req, target)`, which decides from the
 * request alone which of the eight accepted signature schemes it carries, verifies it and
 * returns who the caller is: `{ anonymous: false, accessKeyId, scheme, signedParams }`, or
 * `{ anonymous: true }` when the request carries no signature at all (the router then applies
 * the bucket/object ACL). Any signature that is present but wrong throws an `ImgError`:
 *
 * | scheme (how it is recognised)                                   | file          |
 * | --------------------------------------------------------------- | ------------- |
 * | `Authorization: OSS ak:sig`                                     | oss-v1.ts     |
 * | `?OSSAccessKeyId&Expires&Signature`                             | oss-v1.ts     |
 * | `Authorization: OSS4-HMAC-SHA256 Credential=…,Signature=…`      | oss-v4.ts     |
 * | `?x-oss-signature-version=OSS4-HMAC-SHA256&…&x-oss-signature`   | oss-v4.ts     |
 * | `Authorization: OBS ak:sig` / `AWS ak:sig`                      | obs-v2.ts     |
 * | `?AccessKeyId&Expires&Signature` / `?AWSAccessKeyId&…`          | obs-v2.ts     |
 *
 * Thrown codes: SignatureDoesNotMatch 403, InvalidAccessKeyId 403, AccessDenied 403 ("Request
 * has expired." for a signed URL past its time; also a missing date or URL part),
 * RequestTimeTooSkewed 403 (header date more than `maxSkewSeconds` away), InvalidArgument 400
 * (unparseable Authorization, signature both in header and URL, bad V4 parameters).
 */
import { invalidAccessKeyId, malformedAuth } from './auth-errors.js'
import { verifyObsV2Header, verifyObsV2Query } from './obs-v2.js'
import { verifyOssV1Header, verifyOssV1Query } from './oss-v1.js'
import { verifyOssV4Header, verifyOssV4Query } from './oss-v4.js'
import { parseQueryPairs, type QueryPair } from './query-pairs.js'
import type { SignedRequest } from '../server-request.js'
import type { Authenticate, AuthenticatorOptions, AuthTarget, Caller, VerifyContext } from './types.js'

const DEFAULT_MAX_SKEW_SECONDS = 15 * 60

/** Query parameters that mark a signed URL, per scheme. */
const URL_SIGNATURE_MARKERS = ['OSSAccessKeyId', 'x-oss-signature-version', 'x-oss-signature', 'AccessKeyId', 'AWSAccessKeyId', 'Signature']

export function createAuthenticator(options: AuthenticatorOptions): Authenticate {
  const now = options.now ?? (() => new Date())
  const maxSkewSeconds = options.maxSkewSeconds ?? DEFAULT_MAX_SKEW_SECONDS
  const { credentials, regions } = options

  return async function authenticate(req: SignedRequest, target: AuthTarget = {}): Promise<Caller> {
    const url = target.url ?? new URL(req.url)
    const authorization = req.headers.get('authorization')
    // most anonymous GETs carry no query at all
    const query = url.search === '' ? [] : parseQueryPairs(url.search)
    const signedUrl = query.some((pair) => URL_SIGNATURE_MARKERS.includes(pair.name))
    if (authorization === null && !signedUrl) return { anonymous: true }
    if (authorization !== null && signedUrl) {
      throw malformedAuth('Request must not carry a signature in both the Authorization header and the URL.', 'Authorization', authorization)
    }
    const ctx: VerifyContext = {
      method: req.method.toUpperCase(),
      url,
      headers: req.headers,
      query,
      // '' and absent mean the same (a bucket-level call has no key); the schemes rely on it.
      target: { bucket: target.bucket || undefined, key: target.key || undefined, ...(target.dialect ? { dialect: target.dialect } : {}) },
      now: now(),
      maxSkewSeconds,
      regions,
      async secretFor(accessKeyId, dialect) {
        const secret = accessKeyId.length <= 128 ? await credentials.lookup(accessKeyId) : null
        if (secret === null) throw invalidAccessKeyId(dialect, accessKeyId)
        return secret
      },
    }
    if (authorization !== null) return verifyHeader(ctx, authorization)
    return verifyQuery(ctx, query)
  }
}

function verifyHeader(ctx: VerifyContext, authorization: string): Promise<Caller> {
  const scheme = authorization.trimStart().split(/[\s]/, 1)[0]
  switch (scheme) {
    case 'OSS':
      return verifyOssV1Header(ctx, authorization)
    case 'OSS4-HMAC-SHA256':
      return verifyOssV4Header(ctx, authorization)
    case 'OBS':
      return verifyObsV2Header(ctx, authorization, 'obs')
    case 'AWS':
      return verifyObsV2Header(ctx, authorization, 'aws')
    default:
      throw malformedAuth('Authorization header is invalid.', 'Authorization', authorization)
  }
}

function verifyQuery(ctx: VerifyContext, query: readonly QueryPair[]): Promise<Caller> {
  const has = (name: string) => query.some((pair) => pair.name === name)
  if (has('x-oss-signature-version') || has('x-oss-signature')) return verifyOssV4Query(ctx)
  if (has('OSSAccessKeyId')) return verifyOssV1Query(ctx)
  if (has('AWSAccessKeyId')) return verifyObsV2Query(ctx, 'aws')
  if (has('AccessKeyId')) return verifyObsV2Query(ctx, 'obs')
  throw malformedAuth('A signed URL needs an access key id parameter next to Signature.', 'Signature')
}
