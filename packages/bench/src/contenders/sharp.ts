import type { Contender, EncodeRequest, PipelineRequest } from '../contender.js'
import { ownBytes, rawImage } from '../contender.js'

type Sharp = typeof import('sharp')

/**
 * sharp (libvips, native). `threads: 1` pins libvips to one thread, which is the fair comparison
 * with a single-threaded WASM engine; `threads: 0` is sharp's default (one per core).
 */
export function sharpContender(threads: 1 | 0): Contender {
  let sharp: Sharp
  const format = (pipeline: import('sharp').Sharp, { codec, quality }: EncodeRequest) =>
    codec === 'jpeg' ? pipeline.jpeg({ quality })
      : codec === 'png' ? pipeline.png()
        : codec === 'webp' ? pipeline.webp({ quality })
          : pipeline.avif({ quality })
  return {
    name: threads === 1 ? 'sharp' : 'sharp (all cores)',
    encodes: ['jpeg', 'png', 'webp', 'avif'],
    describe: () => `sharp ${sharp.versions.sharp} (libvips ${sharp.versions.vips}), concurrency ${sharp.concurrency()}`,
    async load() {
      sharp = (await import('sharp')).default
      sharp.concurrency(threads)
      sharp.cache(false)
    },
    async decode(bytes) {
      const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
      return rawImage(info.width, info.height, data)
    },
    async encode(image, request) {
      const input = sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } })
      return ownBytes(await format(input, request).toBuffer())
    },
    async pipeline(bytes, request: PipelineRequest) {
      let pipeline = sharp(bytes)
      if (request.width) pipeline = pipeline.resize({ width: request.width, kernel: 'lanczos3' })
      return ownBytes(await format(pipeline, request).toBuffer())
    },
  }
}
