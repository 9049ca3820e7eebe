/** The engine in this thread (process, info, explain: one image at a time). */
import type { Engine } from '@imgproc/engine'
import { createNodeEngine } from '@imgproc/engine/node'
import type { FontTable } from './fonts.js'
import type { Processor } from './processor.js'

/**
 * An engine, with the codecs reading their WASM from node_modules (compiled once per process:
 * the codecs memoise it). Text watermarks draw with `--font` (else the `--font-dir` folder) first,
 * then the fonts bundled with imgproc, then the system's.
 */
export async function openEngine(fonts?: FontTable, fontDir?: string): Promise<Engine> {
  return createNodeEngine({ ...(fonts ? { fonts } : {}), ...(fontDir ? { fontDir } : {}) })
}

export async function openProcessor(fonts?: FontTable, fontDir?: string): Promise<Processor> {
  const ready = await openEngine(fonts, fontDir)
  return {
    async process(job) {
      const result = await ready.process(job.source, job.process, { dialect: job.dialect, loadObject: job.loadObject, ...(job.signal ? { signal: job.signal } : {}) })
      return { body: result.bytes, contentType: result.mimeType }
    },
  }
}
