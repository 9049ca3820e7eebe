/**
 * Image work for `batch`: the server's worker-thread pool (one engine per thread), so N images
 * really decode and encode in parallel instead of taking turns on the one JavaScript thread.
 */
import { createWorkerPool } from '@imgproc/server/node'
import type { FontTable } from './fonts.js'
import type { Processor } from './processor.js'

export function openPool(size: number, fonts?: FontTable, fontDir?: string): Processor & { close(): Promise<void> } {
  // the font table is plain bytes and the folder a path, so both cross to each worker's engine as
  // options (the server's node-fonts.ts turns `fontDir` into the engine's fonts there)
  const factoryOptions = { ...(fonts ? { engineOptions: { fonts } } : {}), ...(fontDir ? { fontDir } : {}) }
  return createWorkerPool({ size, ...(fonts || fontDir ? { factoryOptions } : {}) })
}
