/**
 * CMYK pixels (ink amounts, 0 = none) to sRGB, as libvips imports them: through the image's own
 * CMYK profile when it has one we can use, else through a standard CMYK profile, libvips' built-in
 * one (default-cmyk-profile.ts), which is imported only when the first such image arrives so that
 * bundles that never decode CMYK do not carry it. sharp renders CMYK the same way.
 */
import jce, { type Transform } from 'jscolorengine'
import { ImgError, type RawImage } from '@imgproc/types'
import { cmykTransform, cmykTransformFor } from './to-srgb.js'

let fallback: Promise<Transform> | undefined

/** The standard profile's bytes (a new copy on each call); its module is imported on first use. */
export async function defaultCmykProfile(): Promise<Uint8Array> {
  const { DEFAULT_CMYK_PROFILE_BASE64 } = await import('./default-cmyk-profile.js')
  const text = atob(DEFAULT_CMYK_PROFILE_BASE64)
  const bytes = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i)
  return bytes
}

/** The transform of the standard CMYK profile, built once (about 0.1 s) on first use. */
export function defaultCmykTransform(): Promise<Transform> {
  fallback ??= defaultCmykProfile().then((bytes) => {
    const source = new jce.Profile()
    source.loadBinary(bytes)
    if (!source.loaded) throw new ImgError('InternalError', 'The built-in CMYK profile did not load.')
    return cmykTransform(source)
  })
  fallback.catch(() => (fallback = undefined))
  return fallback
}

/**
 * `ink` (width x height x 4 bytes, C M Y K) as sRGB RGBA. `profile` is the image's own; one that
 * is not a usable CMYK profile (damaged, RGB, refused by the engine) is passed over for the
 * standard one, as libvips does.
 */
export async function cmykToSrgb(ink: Uint8Array | Uint8ClampedArray, width: number, height: number, profile?: Uint8Array): Promise<RawImage> {
  const transform = (profile && cmykTransformFor(profile)) || (await defaultCmykTransform())
  const data = transform.transformArray(ink, false, true, false)
  if (data.length !== width * height * 4) {
    throw new ImgError('InternalError', `The CMYK transform returned ${data.length} bytes for ${width}x${height} RGBA.`)
  }
  return { width, height, data: data instanceof Uint8ClampedArray ? data : new Uint8ClampedArray(data.buffer, data.byteOffset, data.length) }
}
