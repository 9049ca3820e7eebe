/**
 * `createHandler(options)`: the Web-standard fetch handler `(Request) => Promise<Response>`
 * speaking the OSS and OBS object and image API. It runs unchanged on Deno (`Deno.serve(handler)`),
 * Bun (`Bun.serve({ fetch: handler })`) and Workers (`export default { fetch: handler }`); Node's
 * `serve()` calls `handler.dispatch` with a lighter request and writes the plain reply itself
 * (server-request.ts). Both run the code below.
 *
 * One request: request id -> header-size check -> address (bucket/key) -> dialect ->
 * operational endpoints -> route -> authenticate -> rate limit -> deadline -> route ->
 * request-id headers and metrics. Every failure becomes error XML (`xml/error-xml.ts`).
 */
import { ImgError, type StorageAdapter } from '@imgproc/types'
import { hostId, resolveAddress } from './address.js'
import { createAuthenticator, createMemoryCredentialStore, rateLimitKey, type Authenticate, type Caller, type RateLimiter } from './auth/index.js'
import { withBucketCache } from './bucket-cache.js'
import type { RequestContext } from './context.js'
import { detectDialect, type ApiDialect } from './dialect.js'
import { checkHeaderLimits } from './header-limits.js'
import { resolveLimits, type ServerLimits } from './limits.js'
import { healthResponse, metricsResponse, type HealthReport, type ServerMetrics } from './metrics/index.js'
import type { ImageProcessor } from './processor.js'
import { logText } from './log-text.js'
import { createObjectAccess, type ObjectAccess } from './object-access.js'
import { newRequestId } from './request-id.js'
import { createRequestSignal, type RequestSignal } from './request-signal.js'
import { createResultCache, type ResultCache, type ResultCacheOptions } from './result-cache/result-cache.js'
import { resolveRoute } from './router.js'
import { asWebRequest, Reply, toResponse, type ServerRequest } from './server-request.js'
import { createUploadWork, type UploadWork } from './upload-work.js'
import { createWorkQueue, type WorkQueue } from './work-queue.js'
import { errorReply, setReplyRequestIds, withRequestIdHeaders } from './xml/error-xml.js'

/** What each image job holds of the memory budget from the start (work-queue.ts `reserveAheadBytes`). */
const RESERVE_AHEAD_BYTES = 64 * 1024 * 1024

export interface HandlerOptions {
  storage: StorageAdapter
  /** image work; without it image requests answer 501 NotImplemented */
  engine?: ImageProcessor
  /** signature verification; default: no credentials (signed requests fail, anonymous ones follow ACLs) */
  auth?: Authenticate
  /** per-caller request rate limit (503 SlowDown + Retry-After) */
  rateLimiter?: RateLimiter
  /** request metrics; `GET /-/metrics` serves them */
  metrics?: ServerMetrics
  limits?: Partial<ServerLimits>
  /**
   * the processed-image cache (result-cache/): a 64 MiB memory LRU by default; `shared` also keeps
   * results in `storage.results` for replicas on the same store; `false` turns it off
   */
  resultCache?: ResultCacheOptions | false
  /**
   * how long a bucket's settings (existence, ACL) read from storage are reused, in ms (bucket-cache.ts):
   * changes made through this handler are seen at once, changes made any other way (another replica
   * on the same store) within this time. Default 0 (read for every request); Node's `serve()` uses
   * 1000 (DEFAULT_BUCKET_CACHE_MS) unless told otherwise
   */
  bucketCacheMs?: number
  /** hosts whose sub-domains are buckets (virtual-host addressing); default `['localhost']` */
  domains?: readonly string[]
  /** treat any other dotted, non-IP Host as `<bucket>.<anything>`; default true */
  anyVirtualHost?: boolean
  /**
   * Extra pages under `/-/` (path style only), asked in order before the OSS routes; each answers
   * or returns undefined. The playground (`/-/playground`) is mounted this way. Their replies get
   * the request-id headers and metrics like any other.
   */
  mounts?: ReadonlyArray<Mount>
  /** health details for `GET /-/health` */
  health?: () => HealthReport | Promise<HealthReport>
  /** where internal errors are reported (their text never reaches the client); default console.error */
  onError?: (error: unknown, requestId: string) => void
}

/**
 * A page mounted under `/-/`. It never gets the raw image processor: `uploadWork` runs an
 * uploaded image through the same authentication, queue, memory budget, body limit and deadline
 * as the API (upload-work.ts); it is absent when the server has no engine.
 */
export type Mount = (req: Request, parts: { uploadWork?: UploadWork }) => Promise<Response | undefined>

/** What a runtime adapter knows about the connection. */
export interface ConnectionInfo {
  clientAddress?: string
  /** the header lines as received, `[name, value, …]` before repeated names are joined (header-limits.ts) */
  rawHeaders?: readonly string[]
}

export type FetchHandler = (req: Request, info?: ConnectionInfo) => Promise<Response>

export interface Handler extends FetchHandler {
  /**
   * The same handler for runtime adapters that bring their own request (server-request.ts): any
   * `ServerRequest` in, a plain `Reply` (object routes, errors) or a `Response` (other routes) out.
   */
  dispatch(req: ServerRequest, info?: ConnectionInfo): Promise<Reply | Response>
  /** the bounded image work queue (depth and active jobs, for health and tests) */
  readonly queue: WorkQueue
  readonly limits: ServerLimits
  /** the processed-image cache, when on */
  readonly resultCache: ResultCache | undefined
  /**
   * Shutting down, step 1: image jobs still waiting are answered 503 now and new ones are refused;
   * requests already running go on. Step 2, `abortInFlight()`, aborts their signals (the engine
   * and the worker pool stop the work), so a bounded shutdown never drains a queue of bombs.
   */
  drain(): void
  abortInFlight(): void
}

export function createHandler(options: HandlerOptions): Handler {
  const limits = resolveLimits(options.limits)
  const storage = withBucketCache(options.storage, { ttlMs: options.bucketCacheMs ?? 0 })
  const auth = options.auth ?? createAuthenticator({ credentials: createMemoryCredentialStore([]) })
  const metrics = options.metrics
  const queue = createWorkQueue({
    concurrency: limits.concurrency,
    maxQueued: limits.maxQueued,
    targetWaitMs: limits.targetWaitMs,
    memoryBudget: limits.memoryBudgetBytes,
    // a thumbnail of a 6-megapixel photo plans about 43 MiB: most jobs need not ask their worker's
    // main thread for memory and wait for the answer; at most half the budget is held this way
    reserveAheadBytes: Math.min(RESERVE_AHEAD_BYTES, Math.floor(limits.memoryBudgetBytes / (2 * limits.concurrency))),
    onDepth: (depth) => metrics?.queueDepth.set(depth),
  })
  const resultCache = options.resultCache === false
    ? undefined
    : createResultCache(options.resultCache ?? {}, { results: options.storage.results, ...(metrics ? { events: metrics.resultCache } : {}) })
  const stopping = new AbortController()
  const uploadWork = options.engine ? createUploadWork({ storage, auth, queue, stopping: stopping.signal, limits, processor: options.engine }) : undefined
  const onError = options.onError ?? ((error, requestId) => console.error(`[imgproc] ${requestId} ${logText(error)}`))
  const addressOptions = {
    ...(options.domains ? { domains: options.domains } : {}),
    ...(options.anyVirtualHost === undefined ? {} : { anyVirtualHost: options.anyVirtualHost }),
  }

  async function operational(url: URL): Promise<Response | undefined> {
    if (url.pathname === '/-/health') {
      return healthResponse(async () => ({
        status: 'ok',
        queue: { depth: queue.depth, active: queue.active, allowedDepth: queue.allowedDepth, reservedBytes: queue.reservedBytes, memoryBudgetBytes: limits.memoryBudgetBytes },
        ...(options.health ? await options.health() : {}),
      }))
    }
    if (url.pathname === '/-/metrics' && metrics) return metricsResponse(metrics)
    return undefined
  }

  async function answerMounted(req: ServerRequest): Promise<Response | undefined> {
    if (!options.mounts?.length) return undefined
    const webRequest = asWebRequest(req)
    for (const mount of options.mounts) {
      const response = await mount(webRequest, uploadWork ? { uploadWork } : {})
      if (response) return response
    }
    return undefined
  }

  const dispatch = async (req: ServerRequest, info: ConnectionInfo = {}): Promise<Reply | Response> => {
    const started = performance.now()
    const requestId = newRequestId()
    const method = req.method.toUpperCase()
    const url = req.parsedUrl ?? new URL(req.url)
    const query = url.searchParams
    let dialect: ApiDialect = 'oss'
    let host = url.hostname
    let operation = 'Unknown'
    let bytesIn = 0
    // made on first use (a refused request never needs it), timed from the request's start
    let made: RequestSignal | undefined
    const requestSignal = () => {
      made ??= createRequestSignal(req.signal, stopping.signal, Math.round(limits.deadlineMs - (performance.now() - started)))
      return made.signal
    }
    const timedOut = () => (made ? made.timedOut() : performance.now() - started >= limits.deadlineMs)
    let response: Reply | Response
    try {
      dialect = detectDialect(req, query)
      checkHeaderLimits(req.headers, limits, info.rawHeaders)
      const address = resolveAddress(url, req.headers.get('host'), addressOptions)
      host = hostId(address)
      // bucket names cannot start with '-', so `/-/…` never shadows a path-style bucket
      const reserved = address.style === 'path' && url.pathname.startsWith('/-/')
      const ops = reserved && method === 'GET' ? await operational(url) : undefined
      const mounted = reserved && !ops ? await answerMounted(req) : undefined
      if (ops) {
        operation = url.pathname === '/-/health' ? 'Health' : 'Metrics'
        response = ops
      } else if (mounted) {
        operation = 'Mounted'
        response = mounted
      } else {
        const resolved = resolveRoute(method, address.bucket, address.key, query)
        operation = resolved.operation
        const caller: Caller = resolved.unsigned
          ? { anonymous: true }
          : await auth(req, { bucket: address.bucket, key: address.key, dialect, url })
        if (options.rateLimiter && !resolved.unsigned) {
          const decision = options.rateLimiter.take(rateLimitKey(caller, info.clientAddress ?? 'unknown'))
          if (!decision.ok) throw new ImgError('SlowDown', 'Please reduce your request rate.', { retryAfterSeconds: decision.retryAfterSeconds })
        }
        let access: ObjectAccess | undefined
        const ctx: RequestContext & { bucket?: string; key?: string } = {
          req,
          url,
          query,
          method,
          requestId,
          dialect,
          address,
          caller,
          get access() {
            // the signal is made only if a read needs it (a plain GET streams under the client's own)
            return (access ??= createObjectAccess({ storage, caller, get signal() { return requestSignal() }, maxReadBytes: limits.maxSourceBytes }))
          },
          get signal() {
            return requestSignal()
          },
          storage,
          processor: options.engine,
          queue,
          resultCache,
          limits,
          bytesIn: 0,
          bucket: address.bucket,
          key: address.key,
        }
        try {
          response = await resolved.route(ctx)
        } finally {
          bytesIn = ctx.bytesIn
          access?.release()
        }
      }
    } catch (thrown) {
      let error = thrown
      // a typed answer (403, 404, 400...) stands; an abort (which the engine and storage report as
      // RequestAborted whatever caused it) or an unexpected error is explained
      const typed = thrown instanceof ImgError && thrown.code !== 'InternalError' && thrown.code !== 'RequestAborted'
      if (typed && thrown.status === 500) {
        // a typed server fault (CodecUnavailable: a setup problem) is the operator's to read: its
        // detail (paths, URLs) goes to the log, the client gets the code's public message
        onError(thrown, requestId)
        error = new ImgError(thrown.code, undefined, { cause: thrown })
      } else if (typed) error = thrown
      else if (stopping.signal.aborted) error = new ImgError('SlowDown', 'The server is shutting down.', { retryAfterSeconds: 1, cause: thrown })
      else if (timedOut()) error = new ImgError('RequestTimeout', `The request took longer than ${limits.deadlineMs} ms.`, { cause: thrown })
      else if (req.signal.aborted) error = new ImgError('RequestAborted', undefined, { cause: thrown })
      else if (!(thrown instanceof ImgError) || thrown.code === 'InternalError') onError(thrown, requestId)
      response = errorReply(error, {
        requestId,
        hostId: host,
        dialect,
        method,
      })
    }
    made?.release()
    // every reply, mounted pages and 304s included; the family follows the signature (dialect.ts)
    if (response instanceof Reply) setReplyRequestIds(response.headers, requestId, dialect)
    else response = withRequestIdHeaders(response, requestId, dialect)
    if (metrics) {
      const length = response instanceof Reply ? response.headers['content-length'] : response.headers.get('content-length')
      metrics.observeRequest({ operation, status: response.status, durationSeconds: (performance.now() - started) / 1000, bytesIn, bytesOut: Number(length ?? 0) })
    }
    return response
  }
  const handler = async (req: Request, info?: ConnectionInfo): Promise<Response> => toResponse(await dispatch(req, info))
  return Object.assign(handler, {
    dispatch,
    queue,
    limits,
    resultCache,
    drain: () => queue.close(),
    abortInFlight: () => stopping.abort(new ImgError('SlowDown', 'The server is shutting down.')),
  })
}
