/**
 * JPEG through mozjpeg (@jsquash/jpeg). Decode refuses what this build cannot do (12-bit, lossless
 * SOF3, arithmetic coding) with NotImplemented; CMYK/YCCK goes through jpeg-cmyk.ts (jpeg-js).
 * Encode defaults to the fast baseline path (no progressive scans, IJG tables; trellis cannot be
 * switched off in this build), see
 * benchmarks/results/codecs.md; `optimize: true` selects mozjpeg's size-optimised defaults.
 */
import { ImgError, type Codec, type DecodedImage } from '@imgproc/types'
import { decodeCmykJpeg } from './jpeg-cmyk.js'
import { mozjpegDecoder, mozjpegEncoder, takeMessages, withImageData, type MozJpegOptions } from '../jsquash.js'
import { checkDecodeLimits } from '../limits.js'
import { damaged } from '../bytes.js'
import { probeJpeg } from '../probe/jpeg.js'
import { asBytes, checkRawImage, decodeFailure, encodeFailure, qualityOf, toRawImage } from './common.js'

/** Default quality when none is asked for (OSS's own default is UNCONFIRMED, spec 2.12). */
export const JPEG_DEFAULT_QUALITY = 85

const FAST: Omit<MozJpegOptions, 'quality'> = {
  baseline: true,
  arithmetic: false,
  progressive: false,
  optimize_coding: true,
  smoothing: 0,
  color_space: 3,
  quant_table: 0,
  trellis_multipass: false,
  trellis_opt_zero: false,
  trellis_opt_table: false,
  trellis_loops: 1, // trellis stays on in this build (mozjpeg default); 0 loops makes it emit an empty JPEG
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
    await Promise.all([mozjpegDecoder(), mozjpegEncoder()])
  },
  sniff: (bytes) => bytes.length > 2 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff,
  probe: (bytes) => {
    const { sof: _sof, components: _c, adobeTransform: _a, exif: _e, jfif: _j, ...result } = probeJpeg(bytes)
    return result
  },
  async decode(bytes, options = {}): Promise<DecodedImage> {
    const header = probeJpeg(bytes)
    checkDecodeLimits(header, options.limits)
    if (header.sof === 3 || header.sof === 7 || header.sof === 11 || header.sof === 15) {
      throw new ImgError('NotImplemented', 'Lossless JPEG (SOF3) is not supported.')
    }
    if (header.sof >= 9) {
      throw new ImgError('NotImplemented', 'Arithmetic-coded JPEG is not supported.')
    }
    if (header.bitDepth !== 8) {
      throw new ImgError('NotImplemented', `${header.bitDepth}-bit JPEG is not supported; only 8-bit samples are.`)
    }
    if (header.components === 4) {
      return { format: 'jpeg', image: decodeCmykJpeg(bytes), orientation: header.orientation }
    }
    const decoder = await mozjpegDecoder()
    let pixels
    takeMessages()
    try {
      pixels = withImageData(() => decoder.decode(bytes, false))
    } catch (cause) {
      throw decodeFailure('JPEG', takeMessages().join('; ') || cause)
    }
    if (!pixels) throw decodeFailure('JPEG', 'no image returned')
    // libjpeg pads a truncated scan with grey and only warns; we refuse rather than return a
    // partly grey image (the corpus README allows either; a clean error is the safer answer).
    const truncated = takeMessages().find((text) => /Premature end|Corrupt JPEG data/i.test(text))
    if (truncated) throw damaged('JPEG', truncated.trim())
    return { format: 'jpeg', image: toRawImage(pixels), orientation: header.orientation }
  },
  async encode(image, options = {}) {
    checkRawImage(image, 'JPEG')
    const quality = qualityOf(options.quality, JPEG_DEFAULT_QUALITY)
    const settings: MozJpegOptions = options.optimize
      ? { ...FAST, quality, baseline: false, progressive: true, quant_table: 3, trellis_multipass: false, trellis_opt_zero: false, trellis_opt_table: false, trellis_loops: 1 }
      : { ...FAST, quality }
    if (options.progressive !== undefined) settings.progressive = options.progressive
    // the squoosh build ignores `progressive` while `baseline` is set
    if (settings.progressive) settings.baseline = false
    const encoder = await mozjpegEncoder()
    try {
      return encoder.encode(asBytes(image.data), image.width, image.height, settings).slice()
    } catch (cause) {
      throw encodeFailure('JPEG', cause)
    }
  },
}
