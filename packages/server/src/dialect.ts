/**
 * Which API a request speaks, decided from the request alone. It picks the wording and headers of
 * the reply (`x-oss-*` vs `x-obs-*` / `x-amz-*`, OBS JSON for `info`), never what is allowed.
 *
 * A signed request speaks the family of its signature, whatever else it carries (an `AWS`-signed
 * `?x-image-process` with `x-obs-*` headers is `aws`): the client reads its reply headers under
 * the prefix of the scheme it signed with. esdk-obs-nodejs 3.26.8 keeps one signatureContext per
 * request (`OBS` -> `x-obs-`, `AWS` -> `x-amz-`; lib/utils.js) and takes the request id from
 * `<prefix>request-id` (parseCommonHeaders); with a path-style or IP endpoint it signs `AWS` even
 * when told `signature: 'obs'`. Unsigned requests fall back to what they name:
 *
 * - `obs`: any `x-obs-*` header, or an `x-image-process` / `x-image-save-*` parameter (OBS
 *   names), or `?apiversion`.
 * - `aws`: `x-amz-*` headers (esdk-obs-nodejs in path style; still the OBS API: image requests
 *   use OBS semantics).
 * - `oss`: everything else (ali-oss, oss2, browsers, curl).
 */
import type { RequestHeaders } from './server-request.js'

export type ApiDialect = 'oss' | 'obs' | 'aws'

/** What the dialect is read from: a Request, or any ServerRequest (server-request.ts). */
type HeadersOf = { readonly headers: RequestHeaders }

/**
 * The family of the request's signature (header or URL), or undefined for an unsigned request.
 * AWS V4 (`AWS4-HMAC-SHA256`, `X-Amz-Credential`) counts as `aws` too: esdk's `signature: 'v4'`
 * reads `x-amz-*` replies, even though the server may refuse that scheme.
 */
export function signatureFamily(req: HeadersOf, query: URLSearchParams): ApiDialect | undefined {
  const authorization = req.headers.get('authorization') ?? ''
  if (authorization.startsWith('OBS ')) return 'obs'
  if (authorization.startsWith('AWS ') || authorization.startsWith('AWS4-HMAC-SHA256 ')) return 'aws'
  if (authorization.startsWith('OSS')) return 'oss'
  if (query.has('AccessKeyId')) return 'obs'
  if (query.has('AWSAccessKeyId') || query.has('X-Amz-Credential')) return 'aws'
  if (query.has('OSSAccessKeyId') || query.has('x-oss-signature')) return 'oss'
  return undefined
}

export function detectDialect(req: HeadersOf, query: URLSearchParams): ApiDialect {
  const signed = signatureFamily(req, query)
  if (signed) return signed
  if (query.has('x-oss-process')) return 'oss'
  for (const name of req.headers.keys()) {
    if (name.startsWith('x-obs-')) return 'obs'
    if (name.startsWith('x-amz-')) return 'aws'
    if (name.startsWith('x-oss-')) return 'oss'
  }
  if (query.has('x-image-process') || query.has('x-image-save-object') || query.has('apiversion')) return 'obs'
  return 'oss'
}

/** OBS and its AWS-signed twin share the OBS image semantics (info JSON, average-hue, persistence). */
export function isObsFamily(dialect: ApiDialect): boolean {
  return dialect !== 'oss'
}

const HEADER_PREFIX: Readonly<Record<ApiDialect, string>> = { oss: 'x-oss-', obs: 'x-obs-', aws: 'x-amz-' }

/** The header prefix a client of this dialect reads (`x-oss-`, `x-obs-`, `x-amz-`: AWS's is `amz`, not the dialect's name). */
export function headerPrefix(dialect: ApiDialect): string {
  return HEADER_PREFIX[dialect]
}
