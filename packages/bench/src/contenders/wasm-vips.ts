import type { BenchCodec, Contender, EncodeRequest } from '../contender.js'
import { ownBytes, rawImage } from '../contender.js'

const SUFFIX: Record<BenchCodec, string> = { jpeg: '.jpg', png: '.png', webp: '.webp', avif: '.avif' }

/** wasm-vips: libvips compiled to WebAssembly, limited to one worker thread like our engine. */
export function wasmVipsContender(): Contender {
  // wasm-vips ships loose typings; the few calls used here are checked by the benchmark's own runs.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let vips: any
  const save = (image: any, { codec, quality }: EncodeRequest): Uint8Array => {
    const options = codec === 'png' ? {} : { Q: quality }
    const out = ownBytes(image.writeToBuffer(SUFFIX[codec], options))
    image.delete()
    return out
  }
  return {
    name: 'wasm-vips',
    encodes: ['jpeg', 'png', 'webp'],
    describe: () => `wasm-vips (libvips ${vips.version(0)}.${vips.version(1)}.${vips.version(2)}), concurrency ${vips.concurrency()}`,
    async load() {
      const Vips = (await import('wasm-vips')).default as unknown as (options?: object) => Promise<any>
      vips = await Vips({ dynamicLibraries: [] })
      vips.concurrency(1)
      vips.Cache.max(0)
    },
    async decode(bytes) {
      let image = vips.Image.newFromBuffer(bytes)
      if (!image.hasAlpha()) {
        const withAlpha = image.bandjoin(255)
        image.delete()
        image = withAlpha
      }
      const pixels = image.writeToMemory() as Uint8Array
      const result = rawImage(image.width, image.height, pixels)
      image.delete()
      return result
    },
    async encode(image, request) {
      const input = vips.Image.newFromMemory(image.data, image.width, image.height, 4, 'uchar')
      return save(input, request)
    },
    async pipeline(bytes, request) {
      const image = request.width
        ? vips.Image.thumbnailBuffer(bytes, request.width)
        : vips.Image.newFromBuffer(bytes)
      return save(image, request)
    },
  }
}
