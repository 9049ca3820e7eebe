/**
 * The one list of codecs and the functions the engine calls: sniff, probe, decode, encode,
 * readExif. Formats are found by magic bytes only.
 */
import { ImgError, type Codec, type DecodedImage, type DecodeOptions, type EncodeOptions, type ImageFormat, type ProbeResult, type RawImage } from '@imgproc/types'
import { avifCodec } from './formats/avif.js'
import { bmpCodec } from './formats/bmp.js'
import { gifCodec } from './formats/gif.js'
import { heicCodec } from './formats/heic.js'
import { jpegCodec } from './formats/jpeg.js'
import { pngCodec } from './formats/png.js'
import { tiffCodec } from './formats/tiff.js'
import { webpCodec } from './formats/webp.js'
import { sniff } from './sniff.js'

/** Every codec, one literal list. */
export const CODECS: readonly Codec[] = [jpegCodec, pngCodec, webpCodec, gifCodec, bmpCodec, tiffCodec, avifCodec, heicCodec]

export interface CodecRegistry {
  readonly codecs: readonly Codec[]
  sniff(bytes: Uint8Array): ImageFormat | null
  getCodec(format: ImageFormat): Codec
  probe(bytes: Uint8Array): ProbeResult
  decode(bytes: Uint8Array, options?: DecodeOptions): Promise<DecodedImage>
  encode(image: RawImage, format: ImageFormat, options?: EncodeOptions): Promise<Uint8Array>
}

/** Decoding is one synchronous WASM call, so the signal is checked before it starts. */
function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ImgError('RequestAborted', 'The request was aborted before decoding.', { cause: signal.reason })
}

export function unsupportedFormat(): ImgError {
  return new ImgError('BadRequest', 'This image format is not supported.')
}

/** A registry over `codecs` (default: all of CODECS); later entries for a format win. */
export function createCodecRegistry(codecs: readonly Codec[] = CODECS): CodecRegistry {
  const byFormat = new Map<ImageFormat, Codec>(codecs.map((codec) => [codec.format, codec]))
  const getCodec = (format: ImageFormat): Codec => {
    const codec = byFormat.get(format)
    if (!codec) throw new ImgError('NotImplemented', `The ${format} format is not supported by this build.`)
    return codec
  }
  const codecFor = (bytes: Uint8Array): Codec => {
    const format = sniff(bytes)
    if (!format || !byFormat.has(format)) throw unsupportedFormat()
    return byFormat.get(format)!
  }
  return {
    codecs,
    sniff: (bytes) => {
      const format = sniff(bytes)
      return format && byFormat.has(format) ? format : null
    },
    getCodec,
    probe: (bytes) => codecFor(bytes).probe(bytes),
    decode: async (bytes, options) => {
      checkAborted(options?.signal)
      const codec = codecFor(bytes)
      if (!codec.canDecode) throw new ImgError('NotImplemented', `Decoding ${codec.format} is not supported.`)
      return codec.decode(bytes, options)
    },
    encode: async (image, format, options) => {
      const codec = getCodec(format)
      if (!codec.canEncode) throw new ImgError('NotImplemented', `Encoding ${format} is not supported.`)
      return codec.encode(image, options)
    },
  }
}
