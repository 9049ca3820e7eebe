/**
 * The in-thread `ImageProcessor` over `@imgproc/engine`: Workers, Deno and Bun use it directly;
 * on Node each worker thread of the pool runs one.
 *
 * Watermark objects are read from the SOURCE object's bucket unless the process names another
 * (OBS `image_` carries `bucket/object`), so the engine's `loadObject(key, bucket?)` is bound to
 * the job's bucket: one engine per source bucket, a few kept (they share the codecs' WASM).
 *
 * The engine module is loaded on first use, so a handler that never processes an image never
 * pays for it.
 */
import type { Engine, EngineOptions } from '@imgproc/engine'
import type { ImageProcessor, LoadObject } from './processor.js'

export interface ProcessorOptions {
  /** reads watermark objects; without it a watermark image is NoSuchKey */
  loadObject?: LoadObject
  /** passed to `createEngine` (limits, fonts, codecs, ...); styles are resolved by the server */
  engineOptions?: Omit<EngineOptions, 'loadObject'>
}

const ENGINES_KEPT = 16

let engineModule: Promise<typeof import('@imgproc/engine')> | undefined

export function createProcessor(options: ProcessorOptions = {}): ImageProcessor {
  const engines = new Map<string, Engine>()

  async function engineFor(bucket: string): Promise<Engine> {
    const kept = engines.get(bucket)
    if (kept) {
      engines.delete(bucket)
      engines.set(bucket, kept) // most recently used last
      return kept
    }
    engineModule ??= import('@imgproc/engine')
    const { createEngine } = await engineModule
    const loadObject = options.loadObject
    const engine = createEngine({
      ...options.engineOptions,
      ...(loadObject ? { loadObject: (key: string, other?: string) => loadObject(other ?? bucket, key, undefined) } : {}),
    })
    engines.set(bucket, engine)
    while (engines.size > ENGINES_KEPT) engines.delete(engines.keys().next().value as string)
    return engine
  }

  return {
    async process(job) {
      const engine = await engineFor(job.bucket)
      const result = await engine.process(job.source, job.process, { dialect: job.dialect, signal: job.signal })
      return { body: result.bytes, contentType: result.mimeType }
    },
  }
}
