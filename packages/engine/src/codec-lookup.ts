import { ImgError, type Codec, type ImageFormat } from '@imgproc/types'

/** How the engine finds codecs: by sniffing bytes and by output format. */
export interface CodecLookup {
  forBytes(bytes: Uint8Array): Codec | undefined
  forFormat(format: ImageFormat): Codec | undefined
}

/** Accepts a list of Codec adapters or anything with one (the codecs package's registry has `codecs`). */
export function toCodecLookup(codecs: readonly Codec[] | { readonly codecs: readonly Codec[] }): CodecLookup {
  const list: readonly Codec[] = Array.isArray(codecs) ? codecs : (codecs as { codecs: readonly Codec[] }).codecs
  return {
    forBytes: (bytes) => list.find((codec) => codec.canDecode && codec.sniff(bytes)),
    forFormat: (format) => [...list].reverse().find((codec) => codec.format === format && codec.canEncode),
  }
}

export function sourceCodec(lookup: CodecLookup, bytes: Uint8Array): Codec {
  const codec = lookup.forBytes(bytes)
  if (!codec) throw new ImgError('BadRequest', 'This image format is not supported.')
  return codec
}

export function outputCodec(lookup: CodecLookup, format: ImageFormat): Codec {
  const codec = lookup.forFormat(format)
  if (!codec) throw new ImgError('NotImplemented', `Encoding ${format} is not implemented on this server.`)
  return codec
}
