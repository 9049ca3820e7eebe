/**
 * CMYK and YCCK JPEGs (4 components). libjpeg-turbo (../turbo.ts) hands over CMYK samples, YCCK
 * already turned back into CMYK, and leaves two things to the application, done here as libvips
 * does them:
 *  - the inversion: Photoshop writes CMYK inverted (255 = no ink), announcing itself with an Adobe
 *    APP14 segment, and libjpeg itself writes that segment for every CMYK or YCCK file. libvips
 *    inverts every CMYK JPEG, with or without APP14 ("for the images we have, it seems they should
 *    always invert"); so do we, so an APP14-less file renders as sharp renders it;
 *  - the colour: CMYK to sRGB through the file's CMYK profile, or libvips' standard one
 *    (../icc/cmyk.ts). `ignoreIcc` ignores the file's profile only: CMYK needs one to be seen.
 */
import type { RawImage } from '@imgproc/types'

/**
 * `samples` as libjpeg returns them (taken over: inverted in place), converted to sRGB RGBA. The
 * colour engine (../icc/cmyk.ts) is imported here, on the first CMYK file, not with the codec.
 */
export async function cmykJpegToSrgb(samples: RawImage, profile: Uint8Array | undefined): Promise<RawImage> {
  const ink = samples.data
  for (let i = 0; i < ink.length; i++) ink[i] = 255 - ink[i]!
  const { cmykToSrgb } = await import('../icc/cmyk.js')
  return cmykToSrgb(ink, samples.width, samples.height, profile)
}
