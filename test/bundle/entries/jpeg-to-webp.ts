/** A page that resizes a JPEG to WebP, with the codecs it needs named (the smallest engine). */
import { jpegCodec, webpCodec } from '@imgproc/codecs'
import { createEngine } from '@imgproc/engine'

const engine = createEngine({ codecs: [jpegCodec, webpCodec] })

export function toWebp(jpeg: Uint8Array, width: number) {
  return engine.process(jpeg, `image/resize,w_${width}/format,webp`)
}
