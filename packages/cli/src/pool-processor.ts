/**
 * Image work for `batch`: the server's worker-thread pool (one engine per thread, sized to the
 * cores), so N images really decode and encode in parallel instead of taking turns on the one
 * JavaScript thread. Where the server build does not offer the pool, the engine runs in this
 * thread and the caller is told (`parallel: false`).
 */
import { openProcessor } from './local-processor.js'
import type { Processor } from './processor.js'

type PoolModule = { createWorkerPool?: (options: { size: number }) => Processor & { close(): Promise<void> } }

export async function openPool(size: number): Promise<{ processor: Processor; parallel: boolean }> {
  const server = (await import('@imgproc/server/node').catch(() => ({}))) as PoolModule
  if (typeof server.createWorkerPool === 'function') return { processor: server.createWorkerPool({ size }), parallel: true }
  return { processor: await openProcessor(), parallel: false }
}
