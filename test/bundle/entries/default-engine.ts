/** The same page with the default engine (every codec, text watermarks, ICC): what loads up front. */
import { createEngine } from '@imgproc/engine'

const engine = createEngine()

export function toWebp(jpeg: Uint8Array, width: number) {
  return engine.process(jpeg, `image/resize,w_${width}/format,webp`)
}
