/**
 * The server side of the playground test: the engine in this process behind the server's
 * `ImageProcessor` seam (what each of the server's worker threads runs).
 */
import { createEngine, type EngineOptions } from '@imgproc/engine'
import type { ImageProcessor, UploadWork } from './server-playground.js'

export function engineProcessor(options: EngineOptions = {}): ImageProcessor {
  const engine = createEngine(options)
  return {
    async process(job) {
      const result = await engine.process(job.source, job.process, { dialect: job.dialect, loadObject: job.loadObject, ...(job.signal ? { signal: job.signal } : {}) })
      return { body: result.bytes, contentType: result.mimeType }
    },
  }
}

/**
 * The upload work the server's handler would hand the playground, reduced to the processor: this
 * test is about the page; the guards around it (auth, queue, limits) have their own tests in
 * packages/server/src/security/playground.test.ts.
 */
export function directUploadWork(processor: ImageProcessor): UploadWork {
  return async (req, job) => {
    // a held source (the demo) is copied for the job, as the real upload work does: the pool transfers what it is given
    const source = job.source?.slice() ?? new Uint8Array(await req.arrayBuffer())
    return processor.process({ source, process: job.process, dialect: job.dialect, loadObject: async () => null })
  }
}
