/**
 * The in-thread `ImageProcessor` over `@imgproc/engine`: Workers, Deno and Bun use it directly;
 * on Node each worker thread of the pool runs one, and the main thread uses one to plan (never to
 * decode) the memory estimate of each job.
 *
 * The engine gets each job's own `loadObject` (bound to the caller by the server), never a loader
 * of its own, so it cannot read an object the caller could not GET.
 *
 * A job that carries its parsed process (`job.parsed`, from the route's own parse) is handed to
 * the engine as such: the string is parsed once per request, not again here.
 *
 * The engine module is loaded on first use, so a handler that never processes an image never
 * pays for it.
 */
import type { Engine, EngineOptions, ProcessOptions } from '@imgproc/engine'
import type { ImageProcessor, ProcessJob } from './processor.js'

export interface ProcessorOptions {
  /** passed to `createEngine` (limits, fonts, codecs, ...); styles and object reads are the server's */
  engineOptions?: Omit<EngineOptions, 'loadObject' | 'getStyle'>
}

let engineModule: Promise<typeof import('@imgproc/engine')> | undefined

export function createProcessor(options: ProcessorOptions = {}): ImageProcessor {
  let engine: Promise<{ engine: Engine; estimatePeakBytes: typeof import('@imgproc/engine').estimatePeakBytes }> | undefined
  const ready = () => {
    engineModule ??= import('@imgproc/engine')
    engine ??= engineModule.then((module) => ({ engine: module.createEngine({ ...options.engineOptions }), estimatePeakBytes: module.estimatePeakBytes }))
    return engine
  }

  return {
    async process(job) {
      const { engine } = await ready()
      const result = await engine.process(job.source, job.parsed ?? job.process, engineCallOptions(job))
      return { body: result.bytes, contentType: result.mimeType }
    },
    async estimate(job) {
      const { engine, estimatePeakBytes } = await ready()
      return estimatePeakBytes(await engine.plan(job.source, job.parsed ?? job.process, engineCallOptions(job)))
    },
  }
}

/** The job's dialect, its caller-bound loader and its signal, as the engine takes them per call. */
function engineCallOptions(job: ProcessJob): ProcessOptions {
  return { dialect: job.dialect, loadObject: job.loadObject, ...(job.signal ? { signal: job.signal } : {}) }
}
