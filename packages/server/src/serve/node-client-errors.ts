/**
 * Requests refused before the fetch handler runs get the same reply as any other error: OSS
 * error XML with a fresh request id in the body and in `x-oss-request-id`.
 *
 * - `answerClientErrors(server)`: what Node's HTTP parser refuses (a bad request line or header,
 *   bad chunked encoding or Content-Length, headers over `maxHeaderSize`, a request that does not
 *   arrive within `requestTimeout`) reaches `clientError` with only the socket, so the reply is
 *   written as raw HTTP/1.1 with `Connection: close`, and the socket is closed: the parser has
 *   lost its place in the stream. Node's own answers are 400, 431 and 408 with empty bodies.
 *   Oversized headers become 400 RequestHeaderTooLarge, what the handler answers for headers
 *   over `limits.maxHeaderBytes` (one code, one status, whichever layer sees it first); a timeout
 *   becomes 503 RequestTimeout, the code of the handler's deadline; the rest 400 BadRequest.
 *   A reset or broken connection (ECONNRESET, EPIPE) has nobody to answer: the socket is destroyed.
 * - `requestErrorReply`: what the Node adapter cannot turn into a request URL (no Host, a Host the
 *   URL parser rejects such as `[::1` or one with a space, a backslash in the path; node-http-request.ts)
 *   is 400 BadRequest; anything else that fails outside the handler is 500 InternalError.
 *
 * The HostId is empty: it names the host, which is not known (or not valid) at this point.
 */
import { STATUS_CODES, type Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { ImgError } from '@imgproc/types'
import { newRequestId } from '../request-id.js'
import type { Reply } from '../server-request.js'
import { errorReply, errorXml } from '../xml/error-xml.js'
import { logText } from '../log-text.js'

interface ParserError extends Error {
  code?: string
  /** llhttp's description, e.g. `Invalid method encountered` */
  reason?: string
}

/** The error a parser-level rejection is answered with, or null when there is nobody to answer. */
export function clientErrorReply(error: ParserError): ImgError | null {
  switch (error.code) {
    case 'ECONNRESET':
    case 'EPIPE':
      return null
    case 'HPE_HEADER_OVERFLOW':
      return new ImgError('RequestHeaderTooLarge')
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new ImgError('RequestTimeout', 'The request did not arrive within the time allowed.')
    default:
      return new ImgError('BadRequest', `The request is malformed: ${error.reason ?? error.code ?? 'unreadable'}.`)
  }
}

/** The raw HTTP/1.1 reply carrying `error` as OSS error XML. */
export function rawErrorReply(error: ImgError, requestId = newRequestId()): string {
  const body = errorXml(error, { requestId, hostId: '' })
  return [
    `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? 'Error'}`,
    'Content-Type: application/xml',
    `Content-Length: ${new TextEncoder().encode(body).length}`,
    `x-oss-request-id: ${requestId}`,
    `Date: ${new Date().toUTCString()}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n')
}

// While a reply to an earlier request on this connection is being sent, another one would be
// spliced into it; Node tracks that reply as `socket._httpMessage` (no public equivalent exists).
function replyUnderway(socket: Duplex): boolean {
  return (socket as Duplex & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage?.headersSent === true
}

function answer(error: ParserError, socket: Duplex): void {
  const reply = clientErrorReply(error)
  if (reply === null || !socket.writable || replyUnderway(socket)) {
    socket.destroy()
    return
  }
  socket.end(rawErrorReply(reply), () => socket.destroy())
}

/** Answers every `clientError` of `server` in OSS error XML (see the module comment). */
export function answerClientErrors(server: Server): void {
  server.on('clientError', answer)
}

// the adapter's messages (node-http-request.ts, worded as @hono/node-server worded them) for requests it cannot read
const REQUEST_ERRORS: Readonly<Record<string, string>> = {
  'Missing host header': 'The request has no Host header.',
  'Invalid host header': 'The Host header is not valid.',
  // the URL built from the Host and the target (`*`, for one) did not parse
  'Invalid URL': 'The Host header or the request target is not valid.',
}

/** The reply to a failure outside the handler: a RequestError is 400 BadRequest, anything else (logged) 500. */
export function requestErrorReply(error: unknown): Reply {
  const requestError = error instanceof Error && error.name === 'RequestError'
  if (!requestError) console.error(`[imgproc] request listener ${logText(error)}`)
  const message = error instanceof Error ? (REQUEST_ERRORS[error.message] ?? `The request is malformed: ${error.message}.`) : undefined
  const reply = requestError ? new ImgError('BadRequest', message) : error
  return errorReply(reply, { requestId: newRequestId(), hostId: '', dialect: 'oss', method: 'GET' })
}
