/**
 * Codec adapters (JPEG, PNG, WebP, GIF, BMP, TIFF, AVIF, HEIC), sniffing and header probing, for every runtime.
 * @module
 */
import { createCodecRegistry, type CodecRegistry } from './registry.js'

export { CODECS, createCodecRegistry, unsupportedFormat, type CodecRegistry } from './registry.js'
export { sniff } from './sniff.js'
export { DEFAULT_DECODE_LIMITS, checkDecodeLimits } from './limits.js'
export { parseExif, type ExifData } from './exif.js'
/** `initCodecs(modules)` hands over compiled WASM (or bytes) by file name; synchronous, takes effect on first use. */
export { NODE_ONLY_REQUIRES, WASM_FILES, provideWasm as initCodecs, setWasmLoader, type WasmFile, type WasmLoader, type WasmModules } from './wasm.js'
export { jpegCodec, JPEG_DEFAULT_QUALITY } from './formats/jpeg.js'
export { pngCodec } from './formats/png.js'
export { webpCodec, WEBP_DEFAULT_QUALITY } from './formats/webp.js'
export { gifCodec } from './formats/gif.js'
export { bmpCodec } from './formats/bmp.js'
export { tiffCodec } from './formats/tiff.js'
export { avifCodec, AVIF_DEFAULT_QUALITY } from './formats/avif.js'
export { heicCodec } from './formats/heic.js'
export { estimateJpegQuality } from './probe/jpeg-quality.js'
export { readExif } from './read-exif.js'

/**
 * The default registry over every codec. Marked pure, and the functions below call it rather than
 * copy its members, so a bundle that uses neither leaves the full codec list out.
 */
export const codecs = /* @__PURE__ */ createCodecRegistry()
export const getCodec: CodecRegistry['getCodec'] = (format) => codecs.getCodec(format)
export const probe: CodecRegistry['probe'] = (bytes) => codecs.probe(bytes)
export const decode: CodecRegistry['decode'] = (bytes, options) => codecs.decode(bytes, options)
export const encode: CodecRegistry['encode'] = (image, format, options) => codecs.encode(image, format, options)
