/**
 * PNG through our own WASM module (png-wasm.ts; native/png: libdeflate inflate/deflate, SIMD128
 * unfiltering): every colour type and bit depth decodes to RGBA8 (16-bit samples keep their high
 * byte, grey/palette/tRNS expand). APNG decodes its default image only (frames: 1 reported to the
 * caller is the first frame). Encoding picks the smallest lossless colour type (png-encode.ts).
 */
import { ImgError, type Codec, type DecodedImage } from '@imgproc/types'
import { hasAscii } from '../bytes.js'
import { iccpProfile } from '../icc/iccp.js'
import { toSrgb } from '../icc/to-srgb-on-demand.js'
import { checkDecodeLimits } from '../limits.js'
import { probePng } from '../probe/png.js'
import { checkImageHeader, paletteTable, readImageChunks, transparentKey } from './png-chunks.js'
import { checkRawImage, decodeFailure, encodeFailure } from './common.js'
import { encodePng } from './png-encode.js'
import { pngWasm } from './png-wasm.js'

/** What the decoder module can hand out in one piece (native/png/png_decode.c refuses more). */
const MAX_WASM_OUTPUT_BYTES = 0x7fff0000

export const pngCodec: Codec = {
  format: 'png',
  mimeType: 'image/png',
  extensions: ['png', 'apng'],
  canDecode: true,
  canEncode: true,
  init: async () => {
    await pngWasm()
  },
  sniff: (bytes) => bytes[0] === 0x89 && hasAscii(bytes, 1, 'PNG\r\n\x1a\n'),
  probe: (bytes) => {
    const { interlaced: _i, pngColorType: _c, hasTransparency: _t, exif: _e, iccp: _p, ...result } = probePng(bytes)
    return result
  },
  async decode(bytes, options = {}): Promise<DecodedImage> {
    const header = probePng(bytes)
    checkDecodeLimits(header, options.limits)
    if (header.width * header.height * 4 > MAX_WASM_OUTPUT_BYTES) {
      throw new ImgError('ImageTooLarge', `The PNG is ${header.width}x${header.height}: its RGBA would not fit the 32-bit WebAssembly heap.`)
    }
    // the header's combination, the chunk structure and CRCs are checked before the decoder sees any data
    checkImageHeader(bytes)
    const chunks = readImageChunks(bytes)
    const colourType = header.pngColorType
    const png = await pngWasm()
    let data
    try {
      data = png.decode({
        width: header.width,
        height: header.height,
        bitDepth: header.bitDepth,
        colourType,
        interlaced: header.interlaced,
        idat: chunks.idat,
        ...(colourType === 3 ? { palette: paletteTable(chunks) } : {}),
        key: transparentKey(colourType, chunks.trns),
      })
    } catch (cause) {
      throw decodeFailure('PNG', cause)
    }
    const profile = options.ignoreIcc || !header.iccp ? undefined : iccpProfile(header.iccp)
    const image = { width: header.width, height: header.height, data }
    return { format: 'png', image: await toSrgb(image, profile, header.colorType), orientation: header.orientation }
  },
  async encode(image, options = {}) {
    checkRawImage(image, 'PNG')
    try {
      return await encodePng(image, { level: options.compressionLevel ?? 6, interlace: options.progressive ?? false })
    } catch (cause) {
      throw encodeFailure('PNG', cause)
    }
  },
}
