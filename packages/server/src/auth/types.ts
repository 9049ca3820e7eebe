/**
 * The shapes shared by the authenticator and the eight signature schemes it accepts.
 */
import type { RequestHeaders, SignedRequest } from '../server-request.js'
import type { CredentialStore } from './credentials.js'
import type { QueryPair } from './query-pairs.js'

/** The API dialect the router chose for a request (it picks the error wording only). */
export type AuthDialect = 'oss' | 'obs' | 'aws'

/**
 * What the router resolved before authentication: the bucket and the object key, both
 * DECODED (`dir/a b.jpg`, not `dir/a%20b.jpg`), exactly as the handler will use them.
 * Leave `key` out for bucket-level calls and both out for service-level calls.
 */
export interface AuthTarget {
  bucket?: string
  key?: string
  /**
   * The dialect the router chose. Accepted for the router's convenience but not consulted: the
   * signature scheme (and with it the error wording) is read from the request itself, so an
   * OBS client may sign with AWS V2 on an OSS-looking route and still be verified.
   */
  dialect?: AuthDialect
  /** the request's URL when the caller has parsed it already (it must be `req.url`); parsed here otherwise */
  url?: URL
}

/** The signature scheme a request was verified with. */
export type AuthScheme =
  | 'oss-v1-header'
  | 'oss-v1-query'
  | 'oss-v4-header'
  | 'oss-v4-query'
  | 'obs-v2-header'
  | 'obs-v2-query'
  | 'aws-v2-header'
  | 'aws-v2-query'

export interface AuthenticatedCaller {
  readonly anonymous: false
  readonly accessKeyId: string
  readonly scheme: AuthScheme
  /**
   * Names of the query parameters the signature covers (decoded, exact case). Anything outside
   * this set may have been appended to a signed URL by anyone. The verifiers already sign every
   * parameter that changes WHAT is done (x-oss-process, x-image-process, x-image-save-*, style,
   * styleName, acl, response-*, uploadId, ...; V4 signs all), so the handler may use unsigned
   * ones only as harmless filters (prefix, marker, max-keys), exactly as OSS V1 does.
   */
  readonly signedParams: ReadonlySet<string>
}

export interface AnonymousCaller {
  readonly anonymous: true
}

/** Who sent the request: a verified access key, or nobody (the router then applies ACLs). */
export type Caller = AuthenticatedCaller | AnonymousCaller

export interface AuthenticatorOptions {
  credentials: CredentialStore
  /** the server clock (tests pin it) */
  now?: () => Date
  /** allowed distance between a header-signed request's date and the server clock; default 900 s (OSS: 15 min) */
  maxSkewSeconds?: number
  /** OSS V4 scope regions to accept (e.g. `['cn-hangzhou']`); default: any region */
  regions?: readonly string[]
}

/** `req`: a Web Request or any request with method, URL and headers (server-request.ts). */
export type Authenticate = (req: SignedRequest, target?: AuthTarget) => Promise<Caller>

/** Everything one scheme's verifier needs, parsed once by the authenticator. */
export interface VerifyContext {
  readonly method: string
  readonly url: URL
  readonly headers: RequestHeaders
  readonly query: readonly QueryPair[]
  readonly target: AuthTarget
  readonly now: Date
  readonly maxSkewSeconds: number
  readonly regions?: readonly string[]
  /** the secret for an access key id; throws InvalidAccessKeyId when unknown */
  secretFor(accessKeyId: string, dialect: AuthDialect): Promise<string>
}
