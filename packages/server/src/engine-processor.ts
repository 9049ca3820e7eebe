/**
 * The in-thread `ImageProcessor` over `@imgproc/engine` (Workers, Deno, Bun; and inside each
 * Node worker thread).
 *
 * TEMPORARY: @imgproc/engine has not exported `createEngine` yet; until it does, image requests
 * answer 501 NotImplemented (a typed error, never a wrong image). Replaced when the engine lands.
 */
import { ImgError } from '@imgproc/types'
import type { ImageProcessor, LoadObject } from './processor.js'

export function createProcessor(_options: { loadObject?: LoadObject } = {}): ImageProcessor {
  return {
    async process() {
      throw new ImgError('NotImplemented', 'The image engine is not available in this build yet.')
    },
  }
}
