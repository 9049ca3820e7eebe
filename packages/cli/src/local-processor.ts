/**
 * The engine in this thread (process, info, explain: one image at a time). Built once and kept:
 * WASM codecs are compiled on first use and stay warm.
 */
import { initNode } from '@imgproc/codecs/node'
import { createEngine, type Engine } from '@imgproc/engine'
import type { Processor } from './processor.js'

let engine: Promise<Engine> | undefined

/** The engine itself, with the codecs reading their WASM from node_modules. */
export function openEngine(): Promise<Engine> {
  engine ??= initNode().then(() => createEngine())
  return engine
}

export async function openProcessor(): Promise<Processor> {
  const ready = await openEngine()
  return {
    async process(job) {
      const result = await ready.process(job.source, job.process, { dialect: job.dialect, signal: job.signal })
      return { body: result.bytes, contentType: result.mimeType }
    },
  }
}
