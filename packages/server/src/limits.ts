/**
 * The server's protective limits, with their defaults. Every one is configurable through
 * `createHandler({ limits })` (and the `IMGPROC_*` environment variables read by `serve()`).
 */
export interface ServerLimits {
  /** largest request body accepted (PutObject, PutStyle, POST process); default 64 MiB */
  maxBodyBytes: number
  /** largest total size of the request headers (names + values); default 16 KiB */
  maxHeaderBytes: number
  /**
   * most header lines in one request; default 100, as Tomcat's maxHeaderCount and Apache's
   * LimitRequestFields (OSS and S3 state none; their clients send about 10 plus user metadata,
   * which OSS caps at 8 KB). On Node, `serve()` makes Node keep one line more, so it never drops
   * lines silently below this check
   */
  maxHeaderCount: number
  /** largest source object an image request will read; default 25 MiB (OBS's limit, above OSS's 20 MB) */
  maxSourceBytes: number
  /** longest process string (`x-oss-process` / `x-image-process` / a style's content); default 4096 */
  maxProcessLength: number
  /** time allowed for one request, through the engine's AbortSignal; default 30 s (OBS's timeout) */
  deadlineMs: number
  /**
   * image jobs past the queue at once: reading their source, planned and reserved, or running.
   * Default 2; on Node twice the worker count, so each worker has a job ready (its source opened,
   * its reserve-ahead held) when it finishes one, instead of idling while the main thread reads
   */
  concurrency: number
  /**
   * hard cap on image jobs waiting; below it the queue accepts only what the workers can start
   * within `targetWaitMs` (work-queue.ts); default 256
   */
  maxQueued: number
  /** how long a queued image job should wait at most before it starts; past it new jobs get 503 SlowDown + Retry-After; default 5 s */
  targetWaitMs: number
  /**
   * memory all running image jobs may reserve together (each reserves its planned peak before it
   * decodes; one larger than this is ImageTooLarge); default 2 GiB, on Node a quarter of the machine
   */
  memoryBudgetBytes: number
  /** image styles per bucket; default 100 */
  maxStyles: number
}

export const DEFAULT_LIMITS: ServerLimits = {
  maxBodyBytes: 64 * 1024 * 1024,
  maxHeaderBytes: 16 * 1024,
  maxHeaderCount: 100,
  maxSourceBytes: 25 * 1024 * 1024,
  maxProcessLength: 4096,
  deadlineMs: 30_000,
  concurrency: 2,
  maxQueued: 256,
  targetWaitMs: 5000,
  memoryBudgetBytes: 2 * 1024 * 1024 * 1024,
  maxStyles: 100,
}

export function resolveLimits(limits: Partial<ServerLimits> = {}): ServerLimits {
  const resolved = { ...DEFAULT_LIMITS }
  for (const [name, value] of Object.entries(limits) as [keyof ServerLimits, number | undefined][]) {
    if (value === undefined) continue
    if (!Number.isFinite(value) || value < (name === 'maxQueued' ? 0 : 1)) {
      throw new RangeError(`limits.${name} must be a positive number, got ${value}`)
    }
    resolved[name] = value
  }
  return resolved
}
