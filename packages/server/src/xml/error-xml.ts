/**
 * The one place that turns a failure into the OSS/OBS error reply:
 * `<Error><Code/><Message/><RequestId/><HostId/>[<Key/>…]</Error>` with `application/xml`.
 *
 * - Status, code and default message come only from the `ERROR_CODES` table via `ImgError`.
 * - Anything that is not an `ImgError` becomes `InternalError`; its message is never exposed.
 * - HEAD replies carry no body, so the error travels in headers as the clients read it:
 *   `x-oss-err` (base64 of the XML, what ali-oss decodes) for OSS, and
 *   `x-obs-error-code` / `x-obs-error-message` (or `x-amz-…`) for esdk-obs-nodejs.
 * - `x-oss-request-id` is on every reply, plus `x-obs-request-id` / `x-amz-request-id` for
 *   the OBS dialects, so every client finds its request id.
 */
import { ImgError, toImgError } from '@imgproc/types'
import { headerPrefix, type ApiDialect } from '../dialect.js'
import { Reply } from '../server-request.js'
import { buildXml, type XmlTree } from './xml.js'

export interface ErrorReplyContext {
  requestId: string
  hostId: string
  dialect: ApiDialect
  method: string
  /** extra reply headers, lower-case names */
  headers?: Record<string, string>
}

/** The error document for `error` (exported for tests and for the HEAD header form). */
export function errorXml(error: ImgError, ctx: Pick<ErrorReplyContext, 'requestId' | 'hostId'>): string {
  const body: XmlTree = {
    Code: error.code,
    Message: error.message,
    RequestId: ctx.requestId,
    HostId: ctx.hostId,
  }
  if (error.detail.argument !== undefined && error.code === 'InvalidArgument') {
    body.ArgumentName = error.detail.argument
    if (error.detail.value !== undefined) body.ArgumentValue = error.detail.value
  }
  for (const [name, value] of Object.entries(error.detail.fields ?? {})) {
    if (!(name in body)) body[name] = value
  }
  return buildXml({ Error: body })
}

/** The error reply as plain data (server-request.ts); `errorResponse` is the same as a `Response`. */
export function errorReply(thrown: unknown, ctx: ErrorReplyContext): Reply {
  const error = toImgError(thrown)
  const headers: Record<string, string> = { ...ctx.headers, 'content-type': 'application/xml' }
  if (error.detail.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.detail.retryAfterSeconds)
  setReplyRequestIds(headers, ctx.requestId, ctx.dialect)
  const xml = errorXml(error, ctx)
  if (ctx.method === 'HEAD') {
    if (ctx.dialect === 'oss') headers['x-oss-err'] = base64Utf8(xml)
    else {
      headers[`${headerPrefix(ctx.dialect)}error-code`] = error.code
      headers[`${headerPrefix(ctx.dialect)}error-message`] = asciiHeader(error.message)
    }
    return new Reply(error.status, headers)
  }
  return new Reply(error.status, headers, xml)
}

export function errorResponse(thrown: unknown, ctx: ErrorReplyContext): Response {
  return errorReply(thrown, ctx).toResponse()
}

/**
 * `x-oss-request-id` always; for the OBS family also `x-obs-…` or `x-amz-…` `request-id` and
 * `id-2`, by the dialect, i.e. the request's signature family (dialect.ts): esdk-obs-nodejs reads
 * exactly one of them, `<prefix>request-id`, into `InterfaceResult.RequestId`.
 */
export function setRequestIdHeaders(headers: Headers, requestId: string, dialect: ApiDialect): void {
  headers.set('x-oss-request-id', requestId)
  if (dialect !== 'oss') {
    headers.set(`${headerPrefix(dialect)}request-id`, requestId)
    headers.set(`${headerPrefix(dialect)}id-2`, requestId)
  }
}

/** setRequestIdHeaders for a Reply's header record. */
export function setReplyRequestIds(headers: Record<string, string>, requestId: string, dialect: ApiDialect): void {
  headers['x-oss-request-id'] = requestId
  if (dialect !== 'oss') {
    headers[`${headerPrefix(dialect)}request-id`] = requestId
    headers[`${headerPrefix(dialect)}id-2`] = requestId
  }
}

/**
 * The reply with its request-id headers. A reply whose headers are immutable (a mounted page may
 * answer with `Response.redirect()` or a proxied `fetch()` response) is copied first, so no reply
 * leaves without its id.
 */
export function withRequestIdHeaders(response: Response, requestId: string, dialect: ApiDialect): Response {
  try {
    setRequestIdHeaders(response.headers, requestId, dialect)
    return response
  } catch {
    const copy = new Response(response.body, response)
    setRequestIdHeaders(copy.headers, requestId, dialect)
    return copy
  }
}

function base64Utf8(text: string): string {
  let binary = ''
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** Header values must be ByteStrings; non-ASCII message text is replaced rather than throwing. */
function asciiHeader(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?')
}
