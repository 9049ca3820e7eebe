import type { RawImage } from '@imgproc/types'
import type { Rgba } from './color.js'
import { blankImage, hasTransparency } from './pixels.js'

/**
 * Draws the image over a solid `background` (source-over). With an opaque background the result
 * is opaque. An image with no transparent pixel returns the same object.
 */
export function flatten(image: RawImage, background: Rgba): RawImage {
  if (!hasTransparency(image)) return image
  const out = blankImage(image.width, image.height)
  const s = image.data
  const d = out.data
  const br = background.r
  const bg = background.g
  const bb = background.b
  const ba = background.a / 255
  for (let i = 0, n = s.length; i < n; i += 4) {
    const sa = s[i + 3]! / 255
    const under = ba * (1 - sa)
    const outA = sa + under
    if (outA === 0) continue
    const k = 1 / outA
    d[i] = (s[i]! * sa + br * under) * k
    d[i + 1] = (s[i + 1]! * sa + bg * under) * k
    d[i + 2] = (s[i + 2]! * sa + bb * under) * k
    d[i + 3] = outA * 255
  }
  return out
}
