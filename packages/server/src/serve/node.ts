/**
 * `serve()` for Node: the fetch handler on `node:http` (or `node:https` when given a certificate
 * and key), with image work in a pool of worker threads sized to the cores, never on the event
 * loop. The adapter in node-http.ts hands Node's requests to the handler and writes its replies
 * (small bodies as bytes, large ones streamed; `signal` aborts when the client goes away). Bucket
 * settings are reused for `bucketCacheMs` (default 1 s, bucket-cache.ts).
 */
import { createServer as createHttpServer, type Server } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { availableParallelism, totalmem } from 'node:os'
import { createHandler, type Handler, type HandlerOptions } from '../app.js'
import { DEFAULT_BUCKET_CACHE_MS } from '../bucket-cache.js'
import { resolveLimits } from '../limits.js'
import type { ImageProcessor } from '../processor.js'
import { createWorkerPool, type WorkerPoolOptions } from './node-worker-pool.js'
import { answerClientErrors } from './node-client-errors.js'
import { createRequestListener } from './node-http.js'
import { shutdownGracefully } from './node-shutdown.js'

export interface ServeOptions extends HandlerOptions {
  /** default 8080; 0 picks a free port */
  port?: number
  /** default: every interface */
  hostname?: string
  /** PEM certificate and key: serve HTTPS instead of HTTP */
  tls?: { cert: string | Buffer; key: string | Buffer }
  /** worker threads for image work; default `os.availableParallelism()` */
  workers?: number
  /** pool settings (a custom processor module, abort grace, heap cap) */
  workerPool?: Omit<WorkerPoolOptions, 'size'>
}

export interface RunningServer {
  server: Server
  /** `http://127.0.0.1:<port>` (or https) */
  url: string
  port: number
  handler: Handler
  /** the image processor in use (the worker pool unless `engine` was given) */
  engine: ImageProcessor
  /** image worker threads (the pool's size; 0 when `engine` was given) */
  workers: number
  /** stops at once: every connection closed, the worker pool terminated */
  close(): Promise<void>
  /** stops within `graceMs` (default 10 s): running requests may finish, then are aborted (node-shutdown.ts) */
  shutdown(graceMs?: number): Promise<void>
}

export async function serve(options: ServeOptions): Promise<RunningServer> {
  const workers = Math.max(1, options.workers ?? availableParallelism())
  // the image memory budget defaults to a quarter of the machine (DEFAULT_LIMITS has a fixed 2 GiB)
  const limits = resolveLimits({ concurrency: 2 * workers, memoryBudgetBytes: Math.floor(totalmem() / 4), ...options.limits })
  const ownPool = options.engine === undefined
  // what idle workers keep stays outside the budget: cap it at the budget's share per worker
  const recycleAboveBytes = options.workerPool?.recycleAboveBytes ?? Math.min(512 * 1024 * 1024, Math.floor(limits.memoryBudgetBytes / workers))
  const engine = options.engine ?? createWorkerPool({ ...options.workerPool, size: workers, recycleAboveBytes })
  const handler = createHandler({ ...options, engine, limits, bucketCacheMs: options.bucketCacheMs ?? DEFAULT_BUCKET_CACHE_MS })
  const listener = createRequestListener(handler)
  // Node's own header cap sits above ours, so oversized headers get our XML error, not a bare 431
  // no Host is refused by the adapter then, in our XML (node-client-errors.ts), not by Node bare
  const serverOptions = { maxHeaderSize: limits.maxHeaderBytes * 4, requestTimeout: limits.deadlineMs * 2, requireHostHeader: false }
  const server: Server = options.tls
    ? (createHttpsServer({ ...serverOptions, cert: options.tls.cert, key: options.tls.key }, listener) as unknown as Server)
    : createHttpServer(serverOptions, listener)
  // Node drops header lines past maxHeadersCount silently; one past ours lets the handler see and refuse them
  server.maxHeadersCount = limits.maxHeaderCount + 1
  answerClientErrors(server)
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(options.port ?? 8080, options.hostname, () => {
        server.off('error', reject)
        resolve()
      })
    })
  } catch (error) {
    // a port in use, say: the worker threads already started would keep the process alive
    if (ownPool) await engine.close?.()
    throw error
  }
  const port = (server.address() as AddressInfo).port
  const url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`
  return {
    server,
    url,
    port,
    handler,
    engine,
    workers: ownPool ? workers : 0,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      if (ownPool) await engine.close?.()
    },
    shutdown(graceMs = 10_000) {
      return shutdownGracefully({ server, handler, closeEngine: async () => (ownPool ? engine.close?.() : undefined) }, graceMs)
    },
  }
}
