import type { RawImage } from '@imgproc/types'
import { ImgError } from '@imgproc/types'

export interface CircleOptions {
  /** centre in pixels (default: the image centre) */
  cx?: number
  cy?: number
  /** radius in pixels (default: half the shorter side, the inscribed circle) */
  radius?: number
}

/**
 * Makes everything outside a circle transparent, with an anti-aliased edge: a pixel's alpha is
 * multiplied by its coverage, approximated by clamp(radius - distance + 0.5) from its centre.
 * Dimensions never change.
 */
export function circleMask(image: RawImage, options: CircleOptions = {}): RawImage {
  const { width: w, height: h } = image
  const cx = options.cx ?? w / 2
  const cy = options.cy ?? h / 2
  const radius = options.radius ?? Math.min(w, h) / 2
  if (!(radius >= 0) || !Number.isFinite(cx) || !Number.isFinite(cy)) {
    throw new ImgError('InvalidArgument', `Expected a finite centre and radius >= 0 but received ${cx},${cy} r ${radius}`)
  }
  const s = image.data
  const d = new Uint8ClampedArray(s.length)
  for (let y = 0; y < h; y++) {
    const dy = y + 0.5 - cy
    const dy2 = dy * dy
    for (let x = 0, i = y * w * 4; x < w; x++, i += 4) {
      const dx = x + 0.5 - cx
      const cover = radius - Math.sqrt(dx * dx + dy2) + 0.5
      if (cover <= 0) continue // stays transparent black
      d[i] = s[i]!; d[i + 1] = s[i + 1]!; d[i + 2] = s[i + 2]!
      d[i + 3] = cover >= 1 ? s[i + 3]! : s[i + 3]! * cover + 0.5
    }
  }
  return { width: w, height: h, data: d }
}
