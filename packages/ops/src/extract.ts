import type { RawImage } from '@imgproc/types'
import { ImgError, takePixels } from '@imgproc/types'

/** A rectangle inside an image, integer pixels. */
export interface Region {
  readonly left: number
  readonly top: number
  readonly width: number
  readonly height: number
}

/**
 * Crops `region` out of `image`. The region must lie inside the image (the caller clips:
 * OSS semantics of out-of-range crops belong to the engine). The whole image returns `image`.
 */
export function extract(image: RawImage, region: Region): RawImage {
  const { left, top, width, height } = region
  if (![left, top, width, height].every(Number.isInteger) || left < 0 || top < 0 || width < 1 || height < 1 ||
    left + width > image.width || top + height > image.height) {
    throw new ImgError('InvalidArgument',
      `Expected a region inside ${image.width}x${image.height} but received ${width}x${height}+${left}+${top}`)
  }
  if (left === 0 && top === 0 && width === image.width && height === image.height) return image
  const out = takePixels(width * height * 4, false)
  const srcStride = image.width * 4
  const rowBytes = width * 4
  for (let y = 0; y < height; y++) {
    const s = (top + y) * srcStride + left * 4
    out.set(image.data.subarray(s, s + rowBytes), y * rowBytes)
  }
  return { width, height, data: out }
}

/** Same shape as `Region` (the engine's name for it). */
export type Rect = Region
