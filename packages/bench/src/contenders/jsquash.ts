import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { RawImage } from '@imgproc/types'
import type { BenchCodec, Contender, EncodeRequest } from '../contender.js'
import { ownBytes, rawImage } from '../contender.js'

const require = createRequire(import.meta.url)

/** jSquash's Emscripten glue fetches its .wasm by URL, which Node's fetch cannot do for files: compile it here. */
async function compile(specifier: string): Promise<WebAssembly.Module> {
  return WebAssembly.compile(await readFile(require.resolve(specifier)))
}

type Encoder = (data: ImageData, options?: object) => Promise<ArrayBuffer>

/**
 * The plain @jsquash pipeline a user would write: decode, @jsquash/resize (lanczos3), encode,
 * with jSquash's default encoder settings apart from quality.
 */
export function jsquashContender(): Contender {
  const encoders = {} as Record<BenchCodec, Encoder>
  let decoders: Record<string, (bytes: ArrayBuffer) => Promise<ImageData>>
  let resize: (data: ImageData, options: object) => Promise<ImageData>

  const asImageData = (image: RawImage) =>
    ({ width: image.width, height: image.height, data: image.data, colorSpace: 'srgb' }) as ImageData
  const sniff = (bytes: Uint8Array) =>
    bytes[0] === 0xff && bytes[1] === 0xd8 ? 'jpeg' : bytes[0] === 0x89 && bytes[1] === 0x50 ? 'png' : bytes[8] === 0x57 ? 'webp' : 'avif'
  const encode = async (image: ImageData, { codec, quality }: EncodeRequest) =>
    ownBytes(await encoders[codec](image, codec === 'png' ? {} : { quality }))
  const decodeAny = async (bytes: Uint8Array) => {
    const decoder = decoders[sniff(bytes)]!
    return decoder(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)
  }

  return {
    name: '@jsquash',
    encodes: ['jpeg', 'png', 'webp', 'avif'],
    describe: () => '@jsquash/{jpeg,png,webp,avif,resize} (Squoosh WASM codecs)',
    async load() {
      const [jpegDec, jpegEnc, pngDec, pngEnc, webpDec, webpEnc, avifDec, avifEnc, resizer] = await Promise.all([
        import('@jsquash/jpeg/decode.js'), import('@jsquash/jpeg/encode.js'),
        import('@jsquash/png/decode.js'), import('@jsquash/png/encode.js'),
        import('@jsquash/webp/decode.js'), import('@jsquash/webp/encode.js'),
        import('@jsquash/avif/decode.js'), import('@jsquash/avif/encode.js'),
        import('@jsquash/resize'),
      ])
      await Promise.all([
        jpegDec.init(await compile('@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm')),
        jpegEnc.init(await compile('@jsquash/jpeg/codec/enc/mozjpeg_enc.wasm')),
        pngDec.init(await compile('@jsquash/png/codec/pkg/squoosh_png_bg.wasm')),
        webpDec.init(await compile('@jsquash/webp/codec/dec/webp_dec.wasm')),
        webpEnc.init(await compile('@jsquash/webp/codec/enc/webp_enc_simd.wasm')),
        avifDec.init(await compile('@jsquash/avif/codec/dec/avif_dec.wasm')),
        avifEnc.init(await compile('@jsquash/avif/codec/enc/avif_enc.wasm')),
        resizer.initResize(await compile('@jsquash/resize/lib/resize/pkg/squoosh_resize_bg.wasm')),
      ] as Promise<unknown>[])
      decoders = { jpeg: jpegDec.default, png: pngDec.default, webp: webpDec.default, avif: avifDec.default } as never
      Object.assign(encoders, { jpeg: jpegEnc.default, png: pngEnc.default, webp: webpEnc.default, avif: avifEnc.default })
      resize = resizer.default as never
    },
    async decode(bytes) {
      const image = await decodeAny(bytes)
      return rawImage(image.width, image.height, image.data)
    },
    async encode(image, request) {
      return encode(asImageData(image), request)
    },
    async pipeline(bytes, request) {
      let image = await decodeAny(bytes)
      if (request.width) {
        const height = Math.round((image.height * request.width) / image.width)
        image = await resize(image, { width: request.width, height, method: 'lanczos3' })
      }
      return encode(image, request)
    },
  }
}
