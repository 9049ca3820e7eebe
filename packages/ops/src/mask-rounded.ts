import type { RawImage } from '@imgproc/types'
import { ImgError } from '@imgproc/types'

/**
 * Rounds the four corners with elliptical arcs of radii rx, ry (clamped to half the image),
 * anti-aliased: a corner pixel's alpha is multiplied by its approximate coverage. Radii 0
 * return `image` itself; dimensions never change.
 */
export function roundCorners(image: RawImage, rx: number, ry: number = rx): RawImage {
  if (!(rx >= 0) || !(ry >= 0)) throw new ImgError('InvalidArgument', `Expected corner radii >= 0 but received ${rx}, ${ry}`)
  const { width: w, height: h } = image
  const ax = Math.min(rx, w / 2)
  const ay = Math.min(ry, h / 2)
  if (ax === 0 || ay === 0) return image
  const d = image.data.slice()
  const bw = Math.ceil(ax)
  const bh = Math.ceil(ay)
  const minR = Math.min(ax, ay)
  for (let y = 0; y < h; y++) {
    // distance into the corner box, measured from the ellipse centre, for the top or bottom band
    const inTop = y < bh
    if (!inTop && y < h - bh) continue
    const py = inTop ? ay - (y + 0.5) : y + 0.5 - (h - ay)
    if (py <= 0) continue
    const ny = py / ay
    for (let x = 0; x < w; x++) {
      const inLeft = x < bw
      if (!inLeft && x < w - bw) { x = w - bw - 1; continue }
      const px = inLeft ? ax - (x + 0.5) : x + 0.5 - (w - ax)
      if (px <= 0) continue
      const nx = px / ax
      // signed distance outside the ellipse, approximated in pixels of the smaller radius
      const cover = 0.5 - (Math.sqrt(nx * nx + ny * ny) - 1) * minR
      if (cover >= 1) continue
      const i = (y * w + x) * 4
      if (cover <= 0) { d[i] = 0; d[i + 1] = 0; d[i + 2] = 0; d[i + 3] = 0 } else d[i + 3] = d[i + 3]! * cover + 0.5
    }
  }
  return { width: w, height: h, data: d }
}
