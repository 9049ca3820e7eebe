/**
 * The engine in this thread, as a `Processor` (process, info: one image at a time). Built once
 * and kept: WASM codecs are compiled on first use and stay warm.
 */
import { ImgError } from '@imgproc/types'
import type { Dialect, Processor } from './processor.js'

interface EngineResult {
  bytes: Uint8Array
  mimeType: string
}
interface LocalEngine {
  process(bytes: Uint8Array, processString: string, options: { dialect: Dialect; signal?: AbortSignal }): Promise<EngineResult>
  explain(bytes: Uint8Array, processString: string, options: { dialect: Dialect }): Promise<string>
}
interface EngineModule {
  createEngine?: () => LocalEngine
}

let engine: Promise<LocalEngine> | undefined
let processor: Promise<Processor> | undefined

/** The engine itself (explain needs more than the Processor seam). */
export function openEngine(): Promise<LocalEngine> {
  engine ??= (async () => {
    const engineModule = (await import('@imgproc/engine')) as unknown as EngineModule
    if (typeof engineModule.createEngine !== 'function') throw new ImgError('NotImplemented', 'This build of @imgproc/engine does not export createEngine yet.')
    return engineModule.createEngine()
  })()
  return engine
}

export function openProcessor(): Promise<Processor> {
  processor ??= (async () => {
    const engine = await openEngine()
    return {
      async process(job) {
        const result = await engine.process(job.source, job.process, { dialect: job.dialect, signal: job.signal })
        return { body: result.bytes, contentType: result.mimeType }
      },
    }
  })()
  return processor
}
