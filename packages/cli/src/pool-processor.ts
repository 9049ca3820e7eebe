/**
 * Image work for `batch`: the server's worker-thread pool (one engine per thread), so N images
 * really decode and encode in parallel instead of taking turns on the one JavaScript thread.
 */
import { createWorkerPool } from '@imgproc/server/node'
import type { Processor } from './processor.js'

export function openPool(size: number): Processor & { close(): Promise<void> } {
  return createWorkerPool({ size })
}
