import type { RawImage } from '@imgproc/types'
import { ImgError } from '@imgproc/types'
import type { Rgba } from './color.js'
import { hasTransparency } from './pixels.js'
import { premultiply, unpremultiplyInPlace } from './premultiply.js'
import { rotateRightAngle, type QuarterTurns } from './rotate-right-angle.js'

/** Output size of an image w x h rotated by `degrees`: the bounding box of the turned rectangle. */
export function rotatedSize(width: number, height: number, degrees: number): { width: number; height: number } {
  const t = (degrees * Math.PI) / 180
  const c = Math.abs(Math.cos(t))
  const s = Math.abs(Math.sin(t))
  // 1e-9 keeps exact multiples of 90 from growing a pixel through rounding noise
  return { width: Math.max(1, Math.ceil(width * c + height * s - 1e-9)), height: Math.max(1, Math.ceil(width * s + height * c - 1e-9)) }
}

/**
 * Rotates clockwise by any angle. The canvas grows to hold the whole turned image; uncovered
 * area is `background`. Bilinear sampling in premultiplied alpha, where samples falling outside
 * the source read as the background, so the edges come out anti-aliased. Multiples of 90 take
 * the exact fast paths (0 returns `image` itself).
 */
export function rotate(image: RawImage, degrees: number, background: Rgba): RawImage {
  if (!Number.isFinite(degrees)) throw new ImgError('InvalidArgument', `Expected a finite angle but received ${degrees}`)
  const norm = ((degrees % 360) + 360) % 360
  if (norm % 90 === 0) return rotateRightAngle(image, (norm / 90) as QuarterTurns)
  const { width: w, height: h } = image
  const { width: ow, height: oh } = rotatedSize(w, h, norm)
  const src = hasTransparency(image) ? premultiply(image.data) : image.data
  const ba = background.a
  const br = (background.r * ba) / 255
  const bg = (background.g * ba) / 255
  const bb = (background.b * ba) / 255
  const t = (norm * Math.PI) / 180
  const cos = Math.cos(t)
  const sin = Math.sin(t)
  const out = new Uint8ClampedArray(ow * oh * 4)
  const rowLen = w * 4
  for (let y = 0; y < oh; y++) {
    const dy = y + 0.5 - oh / 2
    // inverse of the clockwise turn (y points down): source = R(-t) * (output - centre)
    let sx = -(ow / 2 - 0.5) * cos + dy * sin + w / 2 - 0.5
    let sy = (ow / 2 - 0.5) * sin + dy * cos + h / 2 - 0.5
    for (let x = 0, o = y * ow * 4; x < ow; x++, o += 4, sx += cos, sy -= sin) {
      const x0 = Math.floor(sx)
      const y0 = Math.floor(sy)
      if (x0 < -1 || y0 < -1 || x0 >= w || y0 >= h) {
        out[o] = br; out[o + 1] = bg; out[o + 2] = bb; out[o + 3] = ba
        continue
      }
      const fx = sx - x0
      const fy = sy - y0
      const w00 = (1 - fx) * (1 - fy), w10 = fx * (1 - fy), w01 = (1 - fx) * fy, w11 = fx * fy
      const inL = x0 >= 0, inR = x0 + 1 < w, inT = y0 >= 0, inB = y0 + 1 < h
      const p = y0 * rowLen + x0 * 4
      let r = 0, g = 0, b = 0, a = 0, outside = 0
      if (inL && inT) { r += src[p]! * w00; g += src[p + 1]! * w00; b += src[p + 2]! * w00; a += src[p + 3]! * w00 } else outside += w00
      if (inR && inT) { r += src[p + 4]! * w10; g += src[p + 5]! * w10; b += src[p + 6]! * w10; a += src[p + 7]! * w10 } else outside += w10
      const q = p + rowLen
      if (inL && inB) { r += src[q]! * w01; g += src[q + 1]! * w01; b += src[q + 2]! * w01; a += src[q + 3]! * w01 } else outside += w01
      if (inR && inB) { r += src[q + 4]! * w11; g += src[q + 5]! * w11; b += src[q + 6]! * w11; a += src[q + 7]! * w11 } else outside += w11
      out[o] = r + br * outside + 0.5; out[o + 1] = g + bg * outside + 0.5
      out[o + 2] = b + bb * outside + 0.5; out[o + 3] = a + ba * outside + 0.5
    }
  }
  unpremultiplyInPlace(out)
  return { width: ow, height: oh, data: out }
}
