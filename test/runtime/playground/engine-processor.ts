/**
 * The server side of the playground test: the engine in this process behind the server's
 * `ImageProcessor` seam (what each of the server's worker threads runs).
 */
import { ImgError } from '@imgproc/types'
import type { ImageProcessor } from './server-playground.js'

type Engine = { process(bytes: Uint8Array, process: string, options: { dialect: 'oss' | 'obs'; signal?: AbortSignal }): Promise<{ bytes: Uint8Array; mimeType: string }> }

export function engineProcessor(): ImageProcessor {
  let engine: Promise<Engine> | undefined
  return {
    async process(job) {
      engine ??= import('@imgproc/engine').then((m) => {
        const create = (m as unknown as { createEngine?: () => Engine }).createEngine
        if (!create) throw new ImgError('NotImplemented', '@imgproc/engine does not export createEngine yet.')
        return create()
      })
      const result = await (await engine).process(job.source, job.process, { dialect: job.dialect, signal: job.signal })
      return { body: result.bytes, contentType: result.mimeType }
    },
  }
}
