/**
 * The in-thread `ImageProcessor` over `@imgproc/engine`: Workers, Deno and Bun use it directly;
 * on Node each worker thread of the pool runs one.
 *
 * Each job is planned once (`engine.plan`: headers only, no decode), its planned peak memory
 * reserved through `job.reserve` (the server's budget), and the same plan run: nothing is planned
 * a second time for the budget, and a job the budget has no room for now stops before decoding
 * (`ReservationDeferred`, the source handed back untouched).
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
import { ReservationDeferred, type ImageProcessor, type ProcessJob } from './processor.js'

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
      const { engine, estimatePeakBytes } = await ready()
      const plan = await engine.plan(job.source, job.parsed ?? job.process, engineCallOptions(job))
      if (job.reserve) {
        const bytes = estimatePeakBytes(plan)
        if (!(await job.reserve(bytes))) throw new ReservationDeferred(bytes, job.source)
      }
      const result = await engine.run(plan, job.source, job.signal ? { signal: job.signal } : {})
      return { body: result.bytes, contentType: result.mimeType }
    },
  }
}

/** The job's dialect, its caller-bound loader and its signal, as the engine takes them per call. */
function engineCallOptions(job: ProcessJob): ProcessOptions {
  return { dialect: job.dialect, loadObject: job.loadObject, ...(job.signal ? { signal: job.signal } : {}) }
}
