/**
 * Embedded ICC profiles applied on decode. RGB and grey pixels are converted from the image's
 * profile to sRGB with jsColorEngine (a maintained ICC v2/v4 colour engine in plain JS: matrix-shaper
 * and LUT profiles, within 1 LSB of LittleCMS), relative colorimetric as libvips does, so Display P3,
 * Adobe RGB and odd profiles look as their authors meant. A profile that behaves as sRGB (probe
 * colours come back unchanged) is recognised once and skipped, so the common sRGB-tagged photo
 * costs nothing per image. Profiles that cannot be read and anything else are ignored: the pixels
 * are used as sRGB, as before. CMYK profiles serve CMYK pixels (cmyk.ts), through the same cache.
 */
import jce, { type Profile, type Transform } from 'jscolorengine'
import { ImgError, type ColorType, type RawImage } from '@imgproc/types'
import { profileSpace } from './profile-header.js'

type Conversion =
  | { kind: 'none' }
  | { kind: 'rgb'; transform: Transform }
  /** grey level -> sRGB triple, 256 x 3 */
  | { kind: 'grey'; table: Uint8Array }
  /** CMYK ink (4 bytes a pixel) -> sRGB RGBA, for cmyk.ts; RGB pixels ignore it */
  | { kind: 'cmyk'; transform: Transform }

/** Conversions by profile (length + FNV-1a of the bytes); a handful of profiles cover real traffic. */
const cache = new Map<string, Conversion>()
const CACHE_SIZE = 16
/** 6 x 6 x 6 colours spanning the cube: a profile that maps them all to themselves (+-1) is sRGB. */
const PROBE = (() => {
  const levels = [0, 51, 102, 153, 204, 255]
  const out = new Uint8ClampedArray(levels.length ** 3 * 3)
  let i = 0
  for (const r of levels) for (const g of levels) for (const b of levels) (out[i++] = r), (out[i++] = g), (out[i++] = b)
  return out
})()

/**
 * The image in sRGB: converted through `profile` when it is an RGB or grey profile that is not
 * sRGB already, else the same object. `colorType` is the source's (a grey table needs grey pixels).
 */
export function applyIccProfile(image: RawImage, profile: Uint8Array | undefined, colorType: ColorType): RawImage {
  if (!profile) return image
  const conversion = conversionFor(profile)
  if (conversion.kind === 'rgb') {
    const data = conversion.transform.transformArray(image.data, true, true, true)
    if (data.length !== image.data.length) {
      throw new ImgError('InternalError', `The ICC transform returned ${data.length} bytes for ${image.width}x${image.height} RGBA.`)
    }
    return { width: image.width, height: image.height, data: data instanceof Uint8ClampedArray ? data : new Uint8ClampedArray(data.buffer, data.byteOffset, data.length) }
  }
  if (conversion.kind === 'grey' && (colorType === 'grey' || colorType === 'grey-alpha')) {
    const { table } = conversion
    const src = image.data
    const data = new Uint8ClampedArray(src.length)
    for (let i = 0; i < src.length; i += 4) {
      const t = src[i]! * 3
      data[i] = table[t]!
      data[i + 1] = table[t + 1]!
      data[i + 2] = table[t + 2]!
      data[i + 3] = src[i + 3]!
    }
    return { width: image.width, height: image.height, data }
  }
  return image
}

/** The CMYK -> sRGB transform of `profile`, or undefined when it is not a CMYK profile we can use. */
export function cmykTransformFor(profile: Uint8Array): Transform | undefined {
  const conversion = conversionFor(profile)
  return conversion.kind === 'cmyk' ? conversion.transform : undefined
}

function conversionFor(profile: Uint8Array): Conversion {
  const key = `${profile.length}:${fnv1a(profile)}`
  let conversion = cache.get(key)
  if (!conversion) {
    conversion = buildConversion(profile)
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!)
    cache.set(key, conversion)
  }
  return conversion
}

function buildConversion(profile: Uint8Array): Conversion {
  const space = profileSpace(profile)
  if (space !== 'rgb' && space !== 'grey' && space !== 'cmyk') return { kind: 'none' }
  try {
    const source = new jce.Profile()
    source.loadBinary(profile)
    if (!source.loaded) return { kind: 'none' }
    if (space === 'cmyk') return { kind: 'cmyk', transform: cmykTransform(source) }
    const transform = new jce.Transform({ buildLut: true, dataFormat: 'int8' })
    transform.create(source, '*sRGB', jce.eIntent.relative)
    if (space === 'grey') {
      const levels = new Uint8ClampedArray(256)
      for (let i = 0; i < 256; i++) levels[i] = i
      const rgb = transform.transformArray(levels, false, false)
      return rgb.length === 768 ? { kind: 'grey', table: Uint8Array.from(rgb) } : { kind: 'none' }
    }
    const probed = transform.transformArray(PROBE, false, false)
    if (probed.length !== PROBE.length) return { kind: 'none' }
    let identity = true
    for (let i = 0; i < PROBE.length && identity; i++) identity = Math.abs(probed[i]! - PROBE[i]!) <= 1
    return identity ? { kind: 'none' } : { kind: 'rgb', transform }
  } catch {
    // jsColorEngine throws strings as well as Errors on profiles it cannot use; either way the
    // profile is not applied.
    return { kind: 'none' }
  }
}

/**
 * CMYK to sRGB with the perceptual intent, as sharp asks LittleCMS for (libvips' icc_import
 * defaults to relative): a press profile's black is far from sRGB black, and perceptual maps it
 * there where relative colorimetric leaves shadows grey. RGB and grey profiles keep relative
 * colorimetric (for the matrix-shaper profiles photos carry, the two give the same result).
 * The output has alpha 255.
 */
export function cmykTransform(source: Profile): Transform {
  const transform = new jce.Transform({ buildLut: true, dataFormat: 'int8' })
  transform.create(source, '*sRGB', jce.eIntent.perceptual)
  return transform
}

/** FNV-1a, 32 bits: a cache key, not a checksum. */
function fnv1a(bytes: Uint8Array): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193)
  return hash >>> 0
}
