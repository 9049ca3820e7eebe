import type { RawImage } from '@imgproc/types'
import { ImgError } from '@imgproc/types'
import { flip } from './flip.js'
import { rotate180, rotate270, rotate90 } from './rotate-right-angle.js'

/** EXIF Orientation tag value (1 = as stored). */
export type ExifOrientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8

/**
 * Turns an image stored with EXIF `orientation` into its upright form (what viewers display).
 * Per the EXIF table: 2 mirror, 3 rotate 180, 4 flip vertical, 5 transpose, 6 rotate 90 cw,
 * 7 transverse, 8 rotate 270 cw. 1 returns `image` itself.
 */
export function applyOrientation(image: RawImage, orientation: number): RawImage {
  switch (orientation) {
    case 1: return image
    case 2: return flip(image, 'horizontal')
    case 3: return rotate180(image)
    case 4: return flip(image, 'vertical')
    case 5: return flip(rotate90(image), 'horizontal')
    case 6: return rotate90(image)
    case 7: return flip(rotate270(image), 'horizontal')
    case 8: return rotate270(image)
    default:
      throw new ImgError('InvalidArgument', `Expected EXIF orientation 1-8 but received ${orientation}`)
  }
}

/** True for orientations 5-8, whose upright form has width and height swapped. */
export function orientationSwapsAxes(orientation: number): boolean {
  return orientation >= 5 && orientation <= 8
}
