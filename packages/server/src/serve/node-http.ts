/**
 * The Node HTTP adapter: `IncomingMessage` in, `handler.dispatch` (app.ts), reply out. It replaced
 * @hono/node-server, which built a Web `Request` and `Response` for every request and sent every
 * body through a Web stream; here a request is a `NodeRequest` (node-http-request.ts) and a plain
 * `Reply` is written straight to the socket: small bodies as one `end(bytes)`, only large ones
 * streamed. A route that answers with a `Response` (listings, styles, image work, mounted pages)
 * is written as @hono/node-server wrote it.
 *
 * On the wire nothing changed: header lines in sorted lower-case order, a Content-Type of
 * `text/plain; charset=UTF-8` on replies without one, `Content-Length` added to bodies known in
 * full, `Transfer-Encoding: chunked` when nothing says the length (as Node does), the request's
 * signal aborted when the client leaves before the reply is out, and an unread request body
 * drained after the reply (at most 64 MiB or 500 ms, then the connection is closed).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Handler } from '../app.js'
import { Reply } from '../server-request.js'
import { logText } from '../log-text.js'
import { requestErrorReply } from './node-client-errors.js'
import { NodeRequest, requestUrl } from './node-http-request.js'

const DEFAULT_CONTENT_TYPE = 'text/plain; charset=UTF-8'
const DRAIN_TIMEOUT_MS = 500
const MAX_DRAIN_BYTES = 64 * 1024 * 1024

/** The `request` listener of a `node:http` / `node:https` server for `handler`. */
export function createRequestListener(handler: Handler): (incoming: IncomingMessage, outgoing: ServerResponse) => void {
  return (incoming, outgoing) => {
    let req: NodeRequest
    try {
      req = new NodeRequest(incoming, requestUrl(incoming))
    } catch (error) {
      void writeReply(requestErrorReply(error), outgoing)
      return
    }
    watch(incoming, outgoing, req)
    handler
      .dispatch(req, { clientAddress: incoming.socket.remoteAddress, rawHeaders: incoming.rawHeaders })
      .then((answer) => (answer instanceof Reply ? writeReply(answer, outgoing) : writeResponse(answer, outgoing)))
      .catch((error: unknown) => failed(error, outgoing))
  }
}

/** Aborts the request's signal when the client leaves first; drains what the handler did not read. */
function watch(incoming: IncomingMessage, outgoing: ServerResponse, req: NodeRequest): void {
  const withBody = req.method !== 'GET' && req.method !== 'HEAD'
  let incomingEnded = !withBody
  if (withBody) {
    incoming.once('end', () => (incomingEnded = true))
    outgoing.once('finish', () => {
      if (!incomingEnded) drainIncoming(incoming)
    })
  }
  outgoing.once('close', () => {
    if (incoming.errored) req.abort(incoming.errored.toString())
    else if (!outgoing.writableFinished) req.abort('Client connection prematurely closed.')
    if (!incomingEnded) setTimeout(() => setTimeout(() => (incomingEnded ? undefined : drainIncoming(incoming))))
  })
}

/** Reads and drops the rest of a request body, within bounds, so the connection can carry the next request. */
function drainIncoming(incoming: IncomingMessage): void {
  const state = incoming as IncomingMessage & { imgprocDraining?: boolean }
  if (incoming.destroyed || state.imgprocDraining) return
  state.imgprocDraining = true
  let bytesRead = 0
  const cleanup = () => {
    clearTimeout(timer)
    incoming.off('data', onData)
    incoming.off('end', cleanup)
    incoming.off('error', cleanup)
  }
  const forceClose = () => {
    cleanup()
    if (!incoming.socket.destroyed) incoming.socket.destroySoon()
  }
  const timer = setTimeout(forceClose, DRAIN_TIMEOUT_MS)
  timer.unref()
  const onData = (chunk: Buffer) => {
    bytesRead += chunk.length
    if (bytesRead > MAX_DRAIN_BYTES) forceClose()
  }
  incoming.on('data', onData)
  incoming.on('end', cleanup)
  incoming.on('error', cleanup)
  incoming.resume()
}

/** Header lines as a flat `[name, value, …]` list for `writeHead`, sorted by name. */
function headerLines(headers: Record<string, string>, body: Reply['body']): string[] {
  const names = Object.keys(headers).sort()
  const lines: string[] = []
  for (const name of names) lines.push(name, headers[name]!)
  if (headers['content-type'] === undefined) lines.push('content-type', DEFAULT_CONTENT_TYPE)
  if (headers['content-length'] === undefined) {
    if (typeof body === 'string') lines.push('Content-Length', String(Buffer.byteLength(body)))
    else if (body instanceof Uint8Array) lines.push('Content-Length', String(body.byteLength))
  }
  return lines
}

/**
 * A port whose peer is closed: a buffer transferred through it is detached and its memory freed
 * at once, the message dropped. Why: an image result arrives from a worker as a buffer of its own
 * (external memory to V8), and left to the collector those buffers made the main thread run a full
 * mark-compact every 1.5-2 s under thumbnail load (15 in 20 s; 2 when they were freed as sent).
 */
const dropped = new MessageChannel()
dropped.port2.close()

/** Frees `body`'s buffer (see `dropped`); one that cannot move is left to the collector, never an error on the event loop. */
function free(body: Uint8Array): void {
  try {
    dropped.port1.postMessage(null, [body.buffer as ArrayBuffer])
  } catch {
    // detached already, or not transferable: nothing to free here
  }
}

async function writeReply(reply: Reply, outgoing: ServerResponse): Promise<void> {
  const { body } = reply
  outgoing.writeHead(reply.status, headerLines(reply.headers, body))
  if (body === null) outgoing.end()
  // the kernel has the bytes once the response has finished
  else if (body instanceof Uint8Array && reply.bodyHolders === 'owned') outgoing.end(body, () => free(body))
  else if (typeof body === 'string' || body instanceof Uint8Array) outgoing.end(body)
  else {
    outgoing.flushHeaders()
    await writeStream(body.getReader(), outgoing)
  }
}

/** Resolves undefined unless `read` has settled within a few microtasks. */
function readWithoutBlocking<T>(read: Promise<T>): Promise<T | undefined> {
  return Promise.race([read, Promise.resolve().then(() => Promise.resolve(undefined))])
}

/** A `Response` as @hono/node-server wrote ours: its headers, and its length when the body ends within its first reads. */
async function writeResponse(response: Response, outgoing: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {}
  const cookies: string[] = []
  for (const [name, value] of response.headers) {
    if (name === 'set-cookie') cookies.push(value)
    else headers[name] = value
  }
  if (!response.body) {
    const lines = headerLines(headers, null)
    for (const cookie of cookies) lines.push('set-cookie', cookie)
    outgoing.writeHead(response.status, lines)
    outgoing.end()
    return
  }
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let done = false
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined
  // a body made from a string or bytes is there at once: send it with its length (the same reads,
  // one timer turn included, as @hono/node-server made)
  let reads = 2
  for (let i = 0; i < reads && !done; i++) {
    pending ??= reader.read()
    const next = await readWithoutBlocking(pending)
    if (next === undefined) {
      if (i === 1) {
        await new Promise((resolve) => setTimeout(resolve))
        reads = 3
        continue
      }
      break
    }
    pending = undefined
    if (next.done) done = true
    else chunks.push(next.value)
  }
  const known = done && headers['content-length'] === undefined && headers['transfer-encoding'] !== 'chunked'
  const lines = headerLines(headers, known ? concat(chunks) : null)
  for (const cookie of cookies) lines.push('set-cookie', cookie)
  outgoing.writeHead(response.status, lines)
  for (const chunk of chunks) outgoing.write(chunk)
  if (done) outgoing.end()
  else await writeStream(reader, outgoing, pending)
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!
  return Buffer.concat(chunks)
}

/** Copies a stream to the response with backpressure; cancels it when the client leaves. */
async function writeStream(reader: ReadableStreamDefaultReader<Uint8Array>, outgoing: ServerResponse, first?: Promise<ReadableStreamReadResult<Uint8Array>>): Promise<void> {
  const cancel = (error?: unknown) => void reader.cancel(error).catch(() => {})
  // the client may have left before the body's first bytes came (its 'close' is then past)
  if (outgoing.destroyed) return cancel()
  outgoing.once('close', cancel)
  try {
    let next = await (first ?? reader.read())
    while (!next.done) {
      if (outgoing.destroyed) return cancel()
      if (!outgoing.write(next.value)) await drained(outgoing)
      next = await reader.read()
    }
    outgoing.end()
  } catch (error) {
    outgoing.destroy(error as Error)
  } finally {
    outgoing.off('close', cancel)
  }
}

/** Resolves when the response can take more, or is closed. */
function drained(outgoing: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      outgoing.off('drain', done)
      outgoing.off('close', done)
      resolve()
    }
    outgoing.on('drain', done)
    outgoing.on('close', done)
  })
}

/** Something went wrong writing a reply (a header value Node refuses, say): a 500 if nothing was sent yet. */
function failed(error: unknown, outgoing: ServerResponse): void {
  if (outgoing.headersSent) {
    console.error(`[imgproc] writing a reply ${logText(error)}`)
    outgoing.destroy(error as Error)
    return
  }
  void writeReply(requestErrorReply(error), outgoing).catch(() => outgoing.destroy())
}
