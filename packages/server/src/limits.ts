/**
 * The server's protective limits, with their defaults. Every one is configurable through
 * `createHandler({ limits })` (and the `IMGPROC_*` environment variables read by `serve()`).
 */
export interface ServerLimits {
  /** largest request body accepted (PutObject, PutStyle, POST process); default 64 MiB */
  maxBodyBytes: number
  /** largest total size of the request headers (names + values); default 16 KiB */
  maxHeaderBytes: number
  /** largest source object an image request will read; default 25 MiB (OBS's limit, above OSS's 20 MB) */
  maxSourceBytes: number
  /** longest process string (`x-oss-process` / `x-image-process` / a style's content); default 4096 */
  maxProcessLength: number
  /** time allowed for one request, through the engine's AbortSignal; default 30 s (OBS's timeout) */
  deadlineMs: number
  /** image jobs run at once (the worker pool size on Node); default 2 */
  concurrency: number
  /** image jobs allowed to wait for a free slot before new ones get 503 SlowDown; default 256 */
  maxQueued: number
  /** image styles per bucket; default 100 */
  maxStyles: number
}

export const DEFAULT_LIMITS: ServerLimits = {
  maxBodyBytes: 64 * 1024 * 1024,
  maxHeaderBytes: 16 * 1024,
  maxSourceBytes: 25 * 1024 * 1024,
  maxProcessLength: 4096,
  deadlineMs: 30_000,
  concurrency: 2,
  maxQueued: 256,
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
