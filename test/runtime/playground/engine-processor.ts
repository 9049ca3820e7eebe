/**
 * The server side of the playground test: the engine in this process behind the server's
 * `ImageProcessor` seam (what each of the server's worker threads runs).
 */
import { createEngine, type EngineOptions } from '@imgproc/engine'
import type { ImageProcessor } from './server-playground.js'

export function engineProcessor(options: EngineOptions = {}): ImageProcessor {
  const engine = createEngine(options)
  return {
    async process(job) {
      const result = await engine.process(job.source, job.process, { dialect: job.dialect, signal: job.signal })
      return { body: result.bytes, contentType: result.mimeType }
    },
  }
}
