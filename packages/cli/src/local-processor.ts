/** The engine in this thread (process, info, explain: one image at a time). */
import { initNode } from '@imgproc/codecs/node'
import { createEngine, type Engine } from '@imgproc/engine'
import type { FontTable } from './fonts.js'
import type { Processor } from './processor.js'

let codecsReady: Promise<void> | undefined

/**
 * An engine, with the codecs reading their WASM from node_modules. The WASM is compiled once
 * per process (the codecs memoise it); an engine itself is cheap, so each call makes one.
 */
export async function openEngine(fonts?: FontTable): Promise<Engine> {
  await (codecsReady ??= initNode())
  return createEngine(fonts ? { fonts } : {})
}

export async function openProcessor(fonts?: FontTable): Promise<Processor> {
  const ready = await openEngine(fonts)
  return {
    async process(job) {
      const result = await ready.process(job.source, job.process, { dialect: job.dialect, signal: job.signal })
      return { body: result.bytes, contentType: result.mimeType }
    },
  }
}
