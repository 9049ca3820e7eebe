/**
 * Which API a request speaks, decided from the request alone. It picks the wording and headers of
 * the reply (`x-oss-*` vs `x-obs-*` / `x-amz-*`, OBS JSON for `info`), never what is allowed.
 *
 * - `obs`: an `OBS ` Authorization, an `AccessKeyId` signed URL, any `x-obs-*` header, or an
 *   `x-image-process` / `x-image-save-*` parameter (OBS names), or `?apiversion`.
 * - `aws`: an `AWS ` Authorization, an `AWSAccessKeyId` URL or `x-amz-*` headers (esdk-obs-nodejs
 *   in path style signs this way, but it is still the OBS API: image requests use OBS semantics).
 * - `oss`: everything else (ali-oss, oss2, browsers, curl).
 */
export type ApiDialect = 'oss' | 'obs' | 'aws'

export function detectDialect(req: Request, query: URLSearchParams): ApiDialect {
  const authorization = req.headers.get('authorization') ?? ''
  if (authorization.startsWith('OBS ')) return 'obs'
  if (authorization.startsWith('AWS ')) return 'aws'
  if (authorization.startsWith('OSS')) return 'oss'
  if (query.has('AccessKeyId')) return 'obs'
  if (query.has('AWSAccessKeyId')) return 'aws'
  if (query.has('OSSAccessKeyId') || query.has('x-oss-signature') || query.has('x-oss-process')) return 'oss'
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

/** The header prefix a client of this dialect reads (`x-oss-`, `x-obs-`, `x-amz-`). */
export function headerPrefix(dialect: ApiDialect): string {
  return `x-${dialect}-`
}
