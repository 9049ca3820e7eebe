/**
 * The `ServerRequest` (server-request.ts) the Node adapter hands the handler, made over Node's
 * `IncomingMessage` without a Web `Request`:
 *
 * - the URL is built from the Host header and the request target exactly as @hono/node-server
 *   (which this adapter replaced) built it, so the same requests are refused with the same words
 *   (RequestError: no Host, a Host the URL parser rejects or changes, a backslash in the path);
 * - headers are a map made from `rawHeaders` on first use, repeated names joined as `Headers`
 *   joins them (`, `; `; ` for Cookie), iterated by sorted lower-case name as `Headers` is;
 * - `signal` and `body` (a Web stream) are made only when asked for; `readBody` reads the body
 *   from Node's stream directly, which is what PutObject uses.
 */
import type { IncomingMessage } from 'node:http'
import { tooLarge } from '../body.js'
import type { RequestHeaders, ServerRequest } from '../server-request.js'

/** A request the adapter cannot turn into a URL; node-client-errors.ts words the reply. */
export class RequestError extends Error {
  override readonly name = 'RequestError'
}

/** A backslash before the query is refused (WHATWG URL would read it as a slash). */
function validateRequestTarget(target: string): void {
  const backslash = target.indexOf('\\')
  if (backslash === -1) return
  const query = target.indexOf('?')
  if (query === -1 || backslash < query) throw new RequestError('Backslash in request path')
}

/** The first Host line as sent (what `incoming.headers.host` holds), or undefined. */
function firstHost(rawHeaders: readonly string[]): string | undefined {
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!
    if (name.length === 4 && name.toLowerCase() === 'host') return rawHeaders[i + 1]
  }
  return undefined
}

/** The absolute URL of `incoming`; RequestError when there is none to make. */
export function requestUrl(incoming: IncomingMessage): URL {
  const target = incoming.url ?? ''
  if (target[0] !== '/' && (target.startsWith('http://') || target.startsWith('https://'))) {
    try {
      validateRequestTarget(target)
      return new URL(target)
    } catch (cause) {
      throw new RequestError('Invalid absolute URL', { cause })
    }
  }
  const host = firstHost(incoming.rawHeaders)
  if (!host) throw new RequestError('Missing host header')
  const scheme = (incoming.socket as { encrypted?: boolean } | null)?.encrypted ? 'https' : 'http'
  validateRequestTarget(target)
  let url: URL
  try {
    url = new URL(`${scheme}://${host}${target}`)
  } catch (cause) {
    throw new RequestError((cause as Error).message, { cause })
  }
  // a Host the parser changed (user info, upper case, odd characters) is not the one sent
  if (url.hostname.length !== host.length && url.hostname !== host.replace(/:\d+$/, '')) throw new RequestError('Invalid host header')
  return url
}

/** `Headers` semantics over Node's raw header lines. */
export class NodeHeaders implements RequestHeaders {
  private readonly map = new Map<string, string>()
  private sorted: Array<[string, string]> | undefined

  constructor(rawHeaders: readonly string[]) {
    for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
      const name = rawHeaders[i]!.toLowerCase()
      const value = rawHeaders[i + 1]!
      const before = this.map.get(name)
      this.map.set(name, before === undefined ? value : `${before}${name === 'cookie' ? '; ' : ', '}${value}`)
    }
  }

  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null
  }

  has(name: string): boolean {
    return this.map.has(name.toLowerCase())
  }

  private entries(): Array<[string, string]> {
    return (this.sorted ??= [...this.map].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)))
  }

  keys(): Iterable<string> {
    return this.entries().map(([name]) => name)
  }

  [Symbol.iterator](): Iterator<[string, string]> {
    return this.entries()[Symbol.iterator]()
  }
}

const NO_BODY = new Set(['GET', 'HEAD'])

export class NodeRequest implements ServerRequest {
  readonly method: string
  readonly url: string
  private headerMap: NodeHeaders | undefined
  private controller: AbortController | undefined
  private gone: string | undefined
  private stream: ReadableStream<Uint8Array> | null | undefined

  constructor(
    private readonly incoming: IncomingMessage,
    readonly parsedUrl: URL,
  ) {
    this.method = incoming.method ?? 'GET'
    this.url = parsedUrl.href
  }

  get headers(): NodeHeaders {
    return (this.headerMap ??= new NodeHeaders(this.incoming.rawHeaders))
  }

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController()
      if (this.gone !== undefined) this.controller.abort(this.gone)
    }
    return this.controller.signal
  }

  /** The client went away before the reply was sent: `signal` aborts (now, or when made). */
  abort(reason: string): void {
    if (this.gone !== undefined) return
    this.gone = reason
    this.controller?.abort(reason)
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (this.stream !== undefined) return this.stream
    if (NO_BODY.has(this.method)) return (this.stream = null)
    const incoming = this.incoming
    let iterator: AsyncIterator<Uint8Array> | undefined
    // pulled on demand, so nothing is read before the handler asks
    return (this.stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        iterator ??= incoming[Symbol.asyncIterator]()
        try {
          const next = await iterator.next()
          if (next.done) controller.close()
          else controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.byteLength))
        } catch (error) {
          controller.error(error)
        }
      },
      async cancel() {
        await iterator?.return?.()
      },
    }))
  }

  readBody(maxBytes: number): Promise<Uint8Array> {
    const incoming = this.incoming
    if (NO_BODY.has(this.method) || incoming.readableEnded) return Promise.resolve(new Uint8Array(0))
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = []
      let total = 0
      const done = (error?: unknown) => {
        incoming.off('data', onData)
        incoming.off('end', onEnd)
        incoming.off('error', onError)
        incoming.off('aborted', onAborted)
        if (error) reject(error)
      }
      const onData = (chunk: Buffer) => {
        total += chunk.length
        // the rest is drained (bounded) once the reply is out (node-http.ts)
        if (total > maxBytes) return done(tooLarge(maxBytes))
        chunks.push(chunk)
      }
      const onEnd = () => {
        done()
        // copied out: a chunk is a view into a socket buffer that holds other bytes too
        const whole = new Uint8Array(total)
        let at = 0
        for (const chunk of chunks) {
          whole.set(chunk, at)
          at += chunk.length
        }
        resolve(whole)
      }
      const onError = (error: Error) => done(error)
      const onAborted = () => done(new Error('aborted'))
      incoming.on('data', onData)
      incoming.on('end', onEnd)
      incoming.on('error', onError)
      incoming.on('aborted', onAborted)
    })
  }
}
