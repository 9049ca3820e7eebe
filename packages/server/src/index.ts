/**
 * A fetch handler speaking the OSS and OBS object and image-processing HTTP API; Web-standard,
 * so it runs on Node, Deno, Bun and Workers. Node's `serve()` is in `@imgproc/server/node`.
 * @module
 */
export { createHandler, type ConnectionInfo, type FetchHandler, type Handler, type HandlerOptions, type Mount } from './app.js'
export { DEFAULT_LIMITS, type ServerLimits } from './limits.js'
export { noObjects, ReservationDeferred, type ImageProcessor, type LoadObject, type ProcessJob, type ProcessOutput } from './processor.js'
export { createObjectAccess, type ObjectAccess, type ObjectAccessParts } from './object-access.js'
export { createProcessor } from './engine-processor.js'
export { resolveAddress, type Address, type AddressOptions } from './address.js'
export { createWorkQueue, type WorkQueue, type WorkQueueOptions } from './work-queue.js'
export { DEFAULT_RESULT_CACHE_BYTES, type ResultCache, type ResultCacheOptions } from './result-cache/result-cache.js'
export type { SharedTierOptions } from './result-cache/storage-tier.js'
export { DEMO_BUCKET, DEMO_KEY, DEMO_STYLE, demoPixels, ensureDemo, makeDemoImage, type DemoImageOptions } from './demo.js'
export * from './auth/index.js'
export * from './metrics/index.js'
