/**
 * AVIF through libavif 1.0.1 + libaom (@jsquash/avif). High bit depths decode to 8-bit; the size is
 * checked from the primary item's `ispe` before the decoder runs. Orientation boxes (irot/imir)
 * are not applied (the decoder ignores them too); orientation is reported as 1. The glue's libavif
 * is strict and cannot be told otherwise, so a missing `pixi` is added first (avif-pixi.ts).
 */
import type { Codec, DecodedImage } from '@imgproc/types'
import { sniff } from '../sniff.js'
import { avifDecoder, avifEncoder, withImageData } from '../jsquash.js'
import { toSrgb } from '../icc/to-srgb-on-demand.js'
import { withPixiProperties } from './avif-pixi.js'
import { checkDecodeLimits } from '../limits.js'
import { probeIsobmff } from '../probe/isobmff.js'
import { asBytes, checkRawImage, decodeFailure, encodeFailure, qualityOf, toRawImage } from './common.js'

/** Default AVIF quality (libavif's 0-100 scale; jSquash's default is 50). */
export const AVIF_DEFAULT_QUALITY = 60

export const avifCodec: Codec = {
  format: 'avif',
  mimeType: 'image/avif',
  extensions: ['avif'],
  canDecode: true,
  canEncode: true,
  init: async () => {
    await Promise.all([avifDecoder(), avifEncoder()])
  },
  sniff: (bytes) => sniff(bytes) === 'avif',
  probe: (bytes) => {
    const { icc: _icc, ...result } = probeIsobmff(bytes, 'avif')
    return result
  },
  async decode(bytes, options = {}): Promise<DecodedImage> {
    const header = probeIsobmff(bytes, 'avif')
    checkDecodeLimits(header, options.limits)
    const decoder = await avifDecoder()
    let pixels
    try {
      const accepted = withPixiProperties(bytes)
      pixels = withImageData(() => decoder.decode(accepted, 8))
    } catch (cause) {
      throw decodeFailure('AVIF', cause)
    }
    if (!pixels) throw decodeFailure('AVIF', 'libavif could not decode the file')
    return { format: 'avif', image: await toSrgb(toRawImage(pixels), options.ignoreIcc ? undefined : header.icc, header.colorType), orientation: 1 }
  },
  async encode(image, options = {}) {
    checkRawImage(image, 'AVIF')
    const lossless = options.lossless ?? false
    const encoder = await avifEncoder()
    let out
    try {
      out = encoder.encode(asBytes(image.data), image.width, image.height, {
        quality: lossless ? 100 : qualityOf(options.quality, AVIF_DEFAULT_QUALITY),
        qualityAlpha: -1,
        denoiseLevel: 0,
        tileColsLog2: 0,
        tileRowsLog2: 0,
        speed: 8,
        subsample: lossless ? 3 : 1,
        chromaDeltaQ: false,
        sharpness: 0,
        tune: 0,
        enableSharpYUV: false,
        bitDepth: 8,
        lossless,
      })
    } catch (cause) {
      throw encodeFailure('AVIF', cause)
    }
    if (!out) throw encodeFailure('AVIF', 'libavif returned nothing')
    return out.slice()
  },
}
