import type { RawImage } from '@imgproc/types'
import { ImgError } from '@imgproc/types'
import { hasTransparency } from './pixels.js'
import { premultiply, unpremultiplyInPlace } from './premultiply.js'

export interface BlurOptions {
  /** kernel half-width in pixels (the kernel has 2 * radius + 1 taps) */
  radius: number
  /** standard deviation of the gaussian in pixels */
  sigma: number
}

const BITS = 14
/** extra precision kept in the 16-bit intermediate between the two passes */
const MID_BITS = 4

/** Fixed-point gaussian weights, summing exactly to 1 << BITS. */
export function gaussianWeights(radius: number, sigma: number): Int32Array {
  const taps = 2 * radius + 1
  const f = new Float64Array(taps)
  let sum = 0
  for (let k = 0; k < taps; k++) { f[k] = Math.exp(-((k - radius) ** 2) / (2 * sigma * sigma)); sum += f[k]! }
  const w = new Int32Array(taps)
  let acc = 0
  for (let k = 0; k < taps; k++) { w[k] = Math.round((f[k]! / sum) * (1 << BITS)); acc += w[k]! }
  w[radius] += (1 << BITS) - acc
  return w
}

/**
 * Gaussian blur, separable, edges replicated, premultiplied when the image has transparency.
 * Radius 0 or sigma 0 returns `image` itself. Dimensions never change.
 */
export function gaussianBlur(image: RawImage, options: BlurOptions): RawImage {
  const { radius, sigma } = options
  if (!Number.isInteger(radius) || radius < 0 || !(sigma >= 0) || radius > 1000) {
    throw new ImgError('InvalidArgument', `Expected radius 0-1000 and sigma >= 0 but received ${radius}, ${sigma}`)
  }
  if (radius === 0 || sigma === 0) return image
  const { width: w, height: h } = image
  const alpha = hasTransparency(image)
  const src = alpha ? premultiply(image.data) : image.data
  const weights = gaussianWeights(radius, sigma)
  const out = verticalPass(horizontalPass(src, w, h, weights), w, h, weights)
  if (alpha) unpremultiplyInPlace(out)
  return { width: w, height: h, data: out }
}

/** Each row copied into a buffer padded with replicated edge pixels, then convolved without bounds tests. */
function horizontalPass(src: Uint8ClampedArray, w: number, h: number, weights: Int32Array): Uint16Array {
  const taps = weights.length
  const radius = taps >> 1
  const rowLen = w * 4
  const mid = new Uint16Array(w * h * 4)
  const padded = new Int32Array((w + 2 * radius) * 4)
  const shift = BITS - MID_BITS
  const round = 1 << (shift - 1)
  for (let y = 0; y < h; y++) {
    const row = y * rowLen
    padded.set(src.subarray(row, row + rowLen), radius * 4)
    for (let k = 0; k < radius; k++) {
      const l = k * 4
      const r = (radius + w + k) * 4
      padded[l] = src[row]!; padded[l + 1] = src[row + 1]!; padded[l + 2] = src[row + 2]!; padded[l + 3] = src[row + 3]!
      const e = row + rowLen - 4
      padded[r] = src[e]!; padded[r + 1] = src[e + 1]!; padded[r + 2] = src[e + 2]!; padded[r + 3] = src[e + 3]!
    }
    for (let x = 0, d = row; x < w; x++, d += 4) {
      let r = round, g = round, b = round, a = round
      for (let k = 0, p = x * 4; k < taps; k++, p += 4) {
        const wk = weights[k]!
        r += padded[p]! * wk; g += padded[p + 1]! * wk; b += padded[p + 2]! * wk; a += padded[p + 3]! * wk
      }
      mid[d] = r >> shift; mid[d + 1] = g >> shift; mid[d + 2] = b >> shift; mid[d + 3] = a >> shift
    }
  }
  return mid
}

/** Whole rows accumulated in sequence; source rows clamped once per output row. */
function verticalPass(mid: Uint16Array, w: number, h: number, weights: Int32Array): Uint8ClampedArray {
  const taps = weights.length
  const radius = taps >> 1
  const rowLen = w * 4
  const out = new Uint8ClampedArray(w * h * 4)
  const acc = new Int32Array(rowLen)
  const shift = BITS + MID_BITS
  const round = 1 << (shift - 1)
  for (let y = 0; y < h; y++) {
    acc.fill(round)
    for (let k = 0; k < taps; k++) {
      let sy = y + k - radius
      sy = sy < 0 ? 0 : sy >= h ? h - 1 : sy
      const wk = weights[k]!
      const s = sy * rowLen
      for (let i = 0; i < rowLen; i++) acc[i] += mid[s + i]! * wk
    }
    const d = y * rowLen
    for (let i = 0; i < rowLen; i++) out[d + i] = acc[i]! >> shift
  }
  return out
}
