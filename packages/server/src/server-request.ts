/**
 * What the handler reads from a request, and what it answers, as two small interfaces, so that a
 * runtime adapter need not build Web `Request` and `Response` objects for every request:
 *
 * - `ServerRequest`: method, URL, headers, abort signal, body. A Web `Request` is one as it is (the
 *   fetch handler passes it straight in); the Node adapter (serve/node-http.ts) makes a lighter
 *   one over `IncomingMessage`, with headers looked up in a map and a body read without Web streams.
 * - `Reply`: status, headers, body as bytes, text, a stream or nothing. The object routes and error
 *   replies answer with one; the fetch handler turns it into a `Response`, the Node adapter writes
 *   it to the socket directly. Other routes may still answer with a `Response`.
 *
 * Both paths run the same handler code (addressing, authentication, ACLs, conditions, headers);
 * only the adapters differ.
 */

/** The part of `Headers` the handler uses; names are matched case-insensitively, iteration is by sorted lower-case name. */
export interface RequestHeaders {
  get(name: string): string | null
  has(name: string): boolean
  keys(): Iterable<string>
  [Symbol.iterator](): Iterator<[string, string]>
}

export interface ServerRequest {
  readonly method: string
  /** absolute: scheme, host, path and query */
  readonly url: string
  /** `url` parsed, when the adapter had to parse it anyway (the handler then does not parse it again) */
  readonly parsedUrl?: URL
  readonly headers: RequestHeaders
  /** aborts when the client goes away */
  readonly signal: AbortSignal
  readonly body: ReadableStream<Uint8Array> | null
  /**
   * Optional, for adapters that can do better than `body`: the whole body, EntityTooLarge past
   * `maxBytes` (body.ts has the same contract over the stream).
   */
  readBody?(maxBytes: number): Promise<Uint8Array>
}

/** The parts of a request a signature covers (auth/). */
export type SignedRequest = Pick<ServerRequest, 'method' | 'url' | 'headers'>

export type ReplyBody = Uint8Array | string | ReadableStream<Uint8Array> | null

/**
 * Who else holds a reply's bytes:
 * - `lent`: maybe someone (a storage adapter's own copy, say); written as they are, nothing more;
 * - `shared`: other replies send them too (a cached result): copied when the reply becomes a
 *   `Response`, as a runtime may hand a Response's buffer on (transfer it, pool it); the Node
 *   adapter only writes them to the socket;
 * - `owned`: no one, and they start a buffer no one else holds (a result that came from a worker
 *   thread by transfer and that no saveas wrote to storage): the Node adapter frees that buffer
 *   once they are sent, rather than leaving it to the main thread's next full collection.
 */
export type BodyHolders = 'lent' | 'shared' | 'owned'

/** A reply as plain data; `headers` has lower-case names. */
export class Reply {
  constructor(
    readonly status: number,
    readonly headers: Record<string, string>,
    readonly body: ReplyBody = null,
    readonly bodyHolders: BodyHolders = 'lent',
  ) {}

  toResponse(): Response {
    const body = this.bodyHolders === 'shared' && this.body instanceof Uint8Array ? this.body.slice() : this.body
    return new Response(body, { status: this.status, headers: this.headers })
  }
}

/** The `Response` for what a route answered. */
export function toResponse(answer: Reply | Response): Response {
  return answer instanceof Reply ? answer.toResponse() : answer
}

const NULL_BODY_METHODS = new Set(['GET', 'HEAD'])
// what `new Request` refuses as a method; a mounted page sees them as GET with the real method name
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK'])

/** `req` as a Web Request (mounted pages take one): itself when it is one, otherwise made now. */
export function asWebRequest(req: ServerRequest): Request {
  if (req instanceof Request) return req
  const method = req.method
  const headers: Array<[string, string]> = []
  for (const pair of req.headers as Iterable<[string, string]>) headers.push(pair)
  const body = NULL_BODY_METHODS.has(method) || FORBIDDEN_METHODS.has(method) ? null : req.body
  const init: RequestInit & { duplex?: 'half' } = { method: FORBIDDEN_METHODS.has(method) ? 'GET' : method, headers, signal: req.signal }
  if (body) {
    init.body = body
    init.duplex = 'half'
  }
  const request = new Request(req.url, init)
  if (FORBIDDEN_METHODS.has(method)) Object.defineProperty(request, 'method', { get: () => method })
  return request
}
