/**
 * HEIC: decode through libheif-js (heic-decode.ts) after the size is checked from the primary
 * item's `ispe`. Encode is NotImplemented: libheif-js holds no HEVC encoder (OSS offers HEIC output
 * only as a regional "advanced compression" feature, spec 2.13). libheif applies the
 * container's irot/imir itself, so the pixels are display-oriented and orientation is 1.
 */
import { ImgError, type Codec, type DecodedImage } from '@imgproc/types'
import { sniff } from '../sniff.js'
import { toSrgb } from '../icc/to-srgb-on-demand.js'
import { checkDecodeLimits } from '../limits.js'
import { probeIsobmff } from '../probe/isobmff.js'
import { decodeHeicPixels, libheif } from './heic-decode.js'

export const heicCodec: Codec = {
  format: 'heic',
  mimeType: 'image/heic',
  extensions: ['heic', 'heif'],
  canDecode: true,
  canEncode: false,
  init: async () => {
    await libheif()
  },
  sniff: (bytes) => sniff(bytes) === 'heic',
  probe: (bytes) => {
    const { icc: _icc, ...result } = probeIsobmff(bytes, 'heic')
    return result
  },
  async decode(bytes, options = {}): Promise<DecodedImage> {
    const header = probeIsobmff(bytes, 'heic')
    checkDecodeLimits(header, options.limits)
    const image = await toSrgb(await decodeHeicPixels(bytes), options.ignoreIcc ? undefined : header.icc, header.colorType)
    return { format: 'heic', image, orientation: 1 }
  },
  async encode() {
    throw new ImgError('NotImplemented', 'Encoding HEIC is not supported: this build has no HEVC encoder; choose jpeg, png, webp or avif.')
  },
}
