/**
 * Image work for `batch`: the server's worker-thread pool (one engine per thread), so N images
 * really decode and encode in parallel instead of taking turns on the one JavaScript thread.
 */
import { createWorkerPool } from '@imgproc/server/node'
import type { FontTable } from './fonts.js'
import type { Processor } from './processor.js'

export function openPool(size: number, fonts?: FontTable): Processor & { close(): Promise<void> } {
  // the font table is plain bytes, so it crosses to each worker's engine as options
  return createWorkerPool({ size, ...(fonts ? { factoryOptions: { engineOptions: { fonts } } } : {}) })
}
