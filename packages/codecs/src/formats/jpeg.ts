/**
 * JPEG. Decode and the default encode go through libjpeg-turbo compiled to WASM (../turbo.ts):
 * decode can shrink on load (DCT scaling to 1/2, 1/4, 1/8 when the caller's minWidth/minHeight
 * allow), and encode is the fast path (baseline unless `progressive`, IJG tables, optimised
 * Huffman, no trellis). `optimize: true` selects mozjpeg (@jsquash/jpeg) with its size-optimised
 * defaults instead; see benchmarks/results/codecs.md for the trade. Arithmetic-coded files decode too.
 * Refused with NotImplemented as before: 12-bit and lossless (SOF3/7/11/15). CMYK/YCCK files decode
 * here too (shrink-on-load included) and are converted to sRGB by jpeg-cmyk.ts.
 */
import { ImgError, type Codec, type DecodedImage } from '@imgproc/types'
import { cmykJpegToSrgb } from './jpeg-cmyk.js'
import { mozjpegEncoder, type MozJpegOptions } from '../jsquash.js'
import { jpegScaleDenom, turboJpeg, TurboFailure } from '../turbo.js'
import { toSrgb } from '../icc/to-srgb-on-demand.js'
import { checkDecodeLimits } from '../limits.js'
import { damaged } from '../bytes.js'
import { probeJpeg } from '../probe/jpeg.js'
import { asBytes, checkRawImage, decodeFailure, encodeFailure, qualityOf } from './common.js'

/** Default quality when none is asked for (OSS's own default is UNCONFIRMED, spec 2.12). */
export const JPEG_DEFAULT_QUALITY = 85

/** mozjpeg's size-optimised settings (`optimize: true`): progressive, trellis, ImageMagick tables. */
const MOZJPEG: Omit<MozJpegOptions, 'quality'> = {
  baseline: false,
  arithmetic: false,
  progressive: true,
  optimize_coding: true,
  smoothing: 0,
  color_space: 3,
  quant_table: 3,
  trellis_multipass: false,
  trellis_opt_zero: false,
  trellis_opt_table: false,
  trellis_loops: 1,
  auto_subsample: true,
  chroma_subsample: 2,
  separate_chroma_quality: false,
  chroma_quality: 75,
}

export const jpegCodec: Codec = {
  format: 'jpeg',
  mimeType: 'image/jpeg',
  extensions: ['jpg', 'jpeg', 'jpe', 'jfif'],
  canDecode: true,
  canEncode: true,
  init: async () => {
    await Promise.all([turboJpeg(), mozjpegEncoder()])
  },
  sniff: (bytes) => bytes.length > 2 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff,
  probe: (bytes) => {
    const { sof: _sof, components: _c, adobeTransform: _a, exif: _e, jfif: _j, icc: _icc, ...result } = probeJpeg(bytes)
    return result
  },
  async decode(bytes, options = {}): Promise<DecodedImage> {
    const header = probeJpeg(bytes)
    checkDecodeLimits(header, options.limits)
    if (header.sof === 3 || header.sof === 7 || header.sof === 11 || header.sof === 15) {
      throw new ImgError('NotImplemented', 'Lossless JPEG (SOF3) is not supported.')
    }
    // SOF9/SOF10 (arithmetic-coded sequential/progressive) decode through libjpeg-turbo below;
    // SOF11 is lossless and refused above. Anything else from 12 on is not a frame type we know.
    if (header.sof > 10) {
      throw new ImgError('NotImplemented', `JPEG frame type SOF${header.sof} is not supported.`)
    }
    if (header.bitDepth !== 8) {
      throw new ImgError('NotImplemented', `${header.bitDepth}-bit JPEG is not supported; only 8-bit samples are.`)
    }
    const denom = jpegScaleDenom(header.width, header.height, options.minWidth, options.minHeight)
    const turbo = await turboJpeg()
    let decoded
    try {
      decoded = turbo.decode(bytes, denom, options.quarterTurns ?? 0)
    } catch (cause) {
      throw decodeFailure('JPEG', cause instanceof TurboFailure ? cause.message : cause)
    }
    // libjpeg pads a truncated scan with grey and only warns; we refuse rather than return a
    // partly grey image (the corpus README allows either; a clean error is the safer answer).
    if (/Premature end|Corrupt JPEG data/i.test(decoded.warning)) throw damaged('JPEG', decoded.warning.trim())
    const profile = options.ignoreIcc ? undefined : header.icc
    const image = decoded.cmyk ? await cmykJpegToSrgb(decoded.image, profile) : await toSrgb(decoded.image, profile, header.colorType)
    // colour conversion is per pixel, so it gives the same result on turned pixels
    return { format: 'jpeg', image, orientation: header.orientation, turned: options.quarterTurns ?? 0 }
  },
  async encode(image, options = {}) {
    checkRawImage(image, 'JPEG')
    const quality = qualityOf(options.quality, JPEG_DEFAULT_QUALITY)
    if (options.optimize) {
      const settings: MozJpegOptions = { ...MOZJPEG, quality }
      if (options.progressive !== undefined) settings.progressive = options.progressive
      const encoder = await mozjpegEncoder()
      try {
        return encoder.encode(asBytes(image.data), image.width, image.height, settings).slice()
      } catch (cause) {
        throw encodeFailure('JPEG', cause)
      }
    }
    const turbo = await turboJpeg()
    try {
      return turbo.encode(image, quality, options.progressive === true)
    } catch (cause) {
      throw encodeFailure('JPEG', cause)
    }
  },
}
