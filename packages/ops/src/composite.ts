import { ImgError, type RawImage } from '@imgproc/types'

export interface CompositeOptions {
  /** overlay's left edge in base pixels; may be negative (clipped) */
  left: number
  /** overlay's top edge in base pixels; may be negative (clipped) */
  top: number
  /** multiplies the overlay's alpha, 0-1; default 1 */
  opacity?: number
  /** write into `base` instead of a copy (the caller owns `base`); default false */
  inPlace?: boolean
}

/**
 * Draws `overlay` over `base` (source-over, straight alpha) at (left, top), clipped to the base.
 * Opacity 0 or an overlay that misses the base returns `base` itself.
 */
export function composite(base: RawImage, overlay: RawImage, options: CompositeOptions): RawImage {
  const opacity = options.opacity ?? 1
  if (!(opacity >= 0 && opacity <= 1) || !Number.isFinite(options.left) || !Number.isFinite(options.top)) {
    throw new ImgError('InvalidArgument', `Expected opacity 0-1 and a finite position but received ${opacity} at ${options.left},${options.top}`)
  }
  const left = Math.round(options.left)
  const top = Math.round(options.top)
  const x0 = Math.max(0, left)
  const y0 = Math.max(0, top)
  const x1 = Math.min(base.width, left + overlay.width)
  const y1 = Math.min(base.height, top + overlay.height)
  if (opacity === 0 || x1 <= x0 || y1 <= y0) return base
  const out = options.inPlace ? base : { width: base.width, height: base.height, data: base.data.slice() }
  blendRegion(out, overlay, left, top, x0, y0, x1, y1, opacity)
  return out
}

/** Source-over of `overlay` (placed at left, top) onto `out` in the clipped box [x0,x1) x [y0,y1). */
export function blendRegion(
  out: RawImage,
  overlay: RawImage,
  left: number,
  top: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  opacity: number,
): void {
  const d = out.data
  const s = overlay.data
  const alphaScale = opacity / 255
  for (let y = y0; y < y1; y++) {
    let di = (y * out.width + x0) * 4
    let si = ((y - top) * overlay.width + (x0 - left)) * 4
    for (let x = x0; x < x1; x++, di += 4, si += 4) {
      const sa = s[si + 3]! * alphaScale
      if (sa === 0) continue
      const da = d[di + 3]! / 255
      if (da === 1 || sa === 1) {
        // opaque underneath (the common photo case) or opaque on top: a plain lerp
        const inv = 1 - sa
        d[di] = s[si]! * sa + d[di]! * inv
        d[di + 1] = s[si + 1]! * sa + d[di + 1]! * inv
        d[di + 2] = s[si + 2]! * sa + d[di + 2]! * inv
        d[di + 3] = (sa + da * inv) * 255
        continue
      }
      const under = da * (1 - sa)
      const outA = sa + under
      const k = 1 / outA
      d[di] = (s[si]! * sa + d[di]! * under) * k
      d[di + 1] = (s[si + 1]! * sa + d[di + 1]! * under) * k
      d[di + 2] = (s[si + 2]! * sa + d[di + 2]! * under) * k
      d[di + 3] = outA * 255
    }
  }
}
