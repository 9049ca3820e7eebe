/**
 * What the decoders call to bring pixels to sRGB. The colour engine (to-srgb.ts, jsColorEngine,
 * about 440 KB of script) is imported only when an image carries a profile it could act on: an RGB
 * profile, or a grey profile on grey pixels. Images without a profile, with a damaged one, or with
 * a CMYK profile on RGB pixels (which to-srgb.ts leaves alone too) never load it, so a bundle that
 * only resizes untagged photos does not carry it. The result is the one to-srgb.ts gives.
 */
import type { ColorType, RawImage } from '@imgproc/types'
import { profileSpace } from './profile-header.js'

/** Whether to-srgb.ts could change `colorType` pixels through `profile` (decided from the header alone). */
export function profileMayConvert(profile: Uint8Array, colorType: ColorType): boolean {
  const space = profileSpace(profile)
  return space === 'rgb' || (space === 'grey' && (colorType === 'grey' || colorType === 'grey-alpha'))
}

/** The image in sRGB (see to-srgb.ts `applyIccProfile`); the same object when nothing applies. */
export async function toSrgb(image: RawImage, profile: Uint8Array | undefined, colorType: ColorType): Promise<RawImage> {
  if (!profile || !profileMayConvert(profile, colorType)) return image
  const { applyIccProfile } = await import('./to-srgb.js')
  return applyIccProfile(image, profile, colorType)
}
