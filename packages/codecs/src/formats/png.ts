/**
 * PNG through the squoosh PNG build (@jsquash/png, Rust `png` crate): every colour type and bit
 * depth decodes to RGBA8 (16-bit samples keep their high byte, grey/palette/tRNS expand).
 * APNG decodes its default image only (frames: 1 reported to the caller is the first frame).
 */
import type { Codec, DecodedImage } from '@imgproc/types'
import { hasAscii } from '../bytes.js'
import { pngGlue, withImageData } from '../jsquash.js'
import { iccpProfile } from '../icc/iccp.js'
import { applyIccProfile } from '../icc/to-srgb.js'
import { checkDecodeLimits } from '../limits.js'
import { probePng } from '../probe/png.js'
import { checkPngIntegrity } from './png-integrity.js'
import { asBytes, checkRawImage, decodeFailure, encodeFailure, toRawImage } from './common.js'
import { encodePng } from './png-encode.js'

export const pngCodec: Codec = {
  format: 'png',
  mimeType: 'image/png',
  extensions: ['png', 'apng'],
  canDecode: true,
  canEncode: true,
  init: async () => {
    await pngGlue()
  },
  sniff: (bytes) => bytes[0] === 0x89 && hasAscii(bytes, 1, 'PNG\r\n\x1a\n'),
  probe: (bytes) => {
    const { interlaced: _i, pngColorType: _c, hasTransparency: _t, exif: _e, iccp: _p, ...result } = probePng(bytes)
    return result
  },
  async decode(bytes, options = {}): Promise<DecodedImage> {
    const header = probePng(bytes)
    checkDecodeLimits(header, options.limits)
    // The Rust decoder panics (and may leave its instance unusable) on some damage, so the
    // chunk structure and CRCs are checked here first.
    checkPngIntegrity(bytes)
    const glue = await pngGlue()
    let pixels
    try {
      pixels = withImageData(() => glue.decode(bytes))
    } catch (cause) {
      throw decodeFailure('PNG', cause)
    }
    const profile = options.ignoreIcc || !header.iccp ? undefined : iccpProfile(header.iccp)
    return { format: 'png', image: applyIccProfile(toRawImage(pixels), profile, header.colorType), orientation: header.orientation }
  },
  async encode(image, options = {}) {
    checkRawImage(image, 'PNG')
    if (options.compressionLevel === undefined && !options.progressive) {
      const glue = await pngGlue()
      try {
        return glue.encode(asBytes(image.data), image.width, image.height, 8)
      } catch (cause) {
        throw encodeFailure('PNG', cause)
      }
    }
    return encodePng(image, { level: options.compressionLevel ?? 6, interlace: options.progressive ?? false })
  },
}
