/**
 * WebP through libwebp (@jsquash/webp). Still images decode directly; animated files are split
 * into frames by webp-anim.ts (each frame decoded as a still, then composited on the canvas).
 */
import { ImgError, type Codec, type DecodedImage, type Frame } from '@imgproc/types'
import { hasAscii } from '../bytes.js'
import { toSrgb } from '../icc/to-srgb-on-demand.js'
import { assembleAnimatedWebp, decodeAnimatedWebp } from './webp-anim.js'
import { webpDecoder, webpEncoder, withImageData, type WebpOptions } from '../jsquash.js'
import { checkDecodeLimits } from '../limits.js'
import { probeWebp } from '../probe/webp.js'
import { asBytes, checkRawImage, decodeFailure, encodeFailure, qualityOf, toRawImage } from './common.js'

/** Default lossy quality (libwebp's own default is 75; OSS's is UNCONFIRMED). */
export const WEBP_DEFAULT_QUALITY = 80

const BASE: Omit<WebpOptions, 'quality' | 'lossless'> = {
  target_size: 0,
  target_PSNR: 0,
  method: 4,
  sns_strength: 50,
  filter_strength: 60,
  filter_sharpness: 0,
  filter_type: 1,
  partitions: 0,
  segments: 4,
  pass: 1,
  show_compressed: 0,
  preprocessing: 0,
  autofilter: 0,
  partition_limit: 0,
  alpha_compression: 1,
  alpha_filtering: 1,
  alpha_quality: 100,
  exact: 0,
  image_hint: 0,
  emulate_jpeg_size: 0,
  thread_level: 0,
  low_memory: 0,
  near_lossless: 100,
  use_delta_palette: 0,
  use_sharp_yuv: 0,
}

/** Decodes one still WebP bitstream (a whole RIFF file) to RGBA. */
export async function decodeWebpStill(bytes: Uint8Array) {
  const decoder = await webpDecoder()
  let pixels
  try {
    pixels = withImageData(() => decoder.decode(bytes))
  } catch (cause) {
    throw decodeFailure('WebP', cause)
  }
  if (!pixels) throw decodeFailure('WebP', 'libwebp could not decode the bitstream')
  return toRawImage(pixels)
}

/** Encodes one still image; the animation writer reuses it per frame. */
export async function encodeWebpStill(image: { width: number; height: number; data: Uint8ClampedArray }, quality: number, lossless: boolean) {
  const encoder = await webpEncoder()
  let out
  try {
    out = encoder.encode(asBytes(image.data), image.width, image.height, { ...BASE, quality, lossless: lossless ? 1 : 0, exact: lossless ? 1 : 0 })
  } catch (cause) {
    throw encodeFailure('WebP', cause)
  }
  if (!out) throw encodeFailure('WebP', 'libwebp returned nothing')
  return out.slice()
}

export const webpCodec: Codec = {
  format: 'webp',
  mimeType: 'image/webp',
  extensions: ['webp'],
  canDecode: true,
  canEncode: true,
  init: async () => {
    await Promise.all([webpDecoder(), webpEncoder()])
  },
  sniff: (bytes) => hasAscii(bytes, 0, 'RIFF') && hasAscii(bytes, 8, 'WEBP'),
  probe: (bytes) => {
    const { lossless: _l, animated: _a, loop: _loop, exif: _e, icc: _icc, ...result } = probeWebp(bytes)
    return result
  },
  async decode(bytes, options = {}): Promise<DecodedImage> {
    const header = probeWebp(bytes)
    checkDecodeLimits(header, options.limits)
    const profile = options.ignoreIcc ? undefined : header.icc
    if (header.animated) {
      const decoded = await decodeAnimatedWebp(bytes, header.width, header.height, decodeWebpStill, options.firstFrameOnly ?? false)
      const frames = await Promise.all(decoded.frames.map(async (frame) => ({ ...frame, image: await toSrgb(frame.image, profile, header.colorType) })))
      return { format: 'webp', image: frames[0]!.image, orientation: header.orientation, loop: decoded.loop, ...(frames.length > 1 ? { frames } : {}) }
    }
    const image = await toSrgb(await decodeWebpStill(bytes), profile, header.colorType)
    return { format: 'webp', image, orientation: header.orientation }
  },
  async encode(image, options = {}) {
    const quality = qualityOf(options.quality, WEBP_DEFAULT_QUALITY)
    const lossless = options.lossless ?? false
    if (options.frames && options.frames.length > 1) return encodeAnimation(options.frames, quality, lossless, options.loop ?? 0)
    checkRawImage(image, 'WebP')
    return encodeWebpStill(image, quality, lossless)
  },
}

async function encodeAnimation(frames: readonly Frame[], quality: number, lossless: boolean, loop: number): Promise<Uint8Array> {
  const { width, height } = frames[0]!.image
  const stills: Uint8Array[] = []
  for (const frame of frames) {
    checkRawImage(frame.image, 'WebP')
    if (frame.image.width !== width || frame.image.height !== height) {
      throw new ImgError('InternalError', 'Every WebP animation frame must have the size of the first.')
    }
    stills.push(await encodeWebpStill(frame.image, quality, lossless))
  }
  return assembleAnimatedWebp(stills, frames, loop)
}
