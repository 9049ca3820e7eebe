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
  const taps = weights.length
  const rowLen = w * 4
  // horizontal: each row copied into a buffer padded with replicated edge pixels, then convolved without bounds tests
  const mid = new Uint16Array(w * h * 4)
  const padded = new Int32Array((w + 2 * radius) * 4)
  const shiftH = BITS - MID_BITS
  const roundH = 1 << (shiftH - 1)
  for (let y = 0; y < h; y++) {
    const row = y * rowLen
    for (let p = 0; p < padded.length; p += 4) {
      let x = (p >> 2) - radius
      x = x < 0 ? 0 : x >= w ? w - 1 : x
      const s = row + x * 4
      padded[p] = src[s]!; padded[p + 1] = src[s + 1]!; padded[p + 2] = src[s + 2]!; padded[p + 3] = src[s + 3]!
    }
    let d = row
    for (let x = 0; x < w; x++, d += 4) {
      let r = roundH, g = roundH, b = roundH, a = roundH
      let p = x * 4
      for (let k = 0; k < taps; k++, p += 4) {
        const wk = weights[k]!
        r += padded[p]! * wk; g += padded[p + 1]! * wk; b += padded[p + 2]! * wk; a += padded[p + 3]! * wk
      }
      mid[d] = r >> shiftH; mid[d + 1] = g >> shiftH; mid[d + 2] = b >> shiftH; mid[d + 3] = a >> shiftH
    }
  }
  // vertical: whole rows accumulated in sequence; row offsets clamped once per output row
  const out = new Uint8ClampedArray(w * h * 4)
  const acc = new Int32Array(rowLen)
  const shiftV = BITS + MID_BITS
  const roundV = 1 << (shiftV - 1)
  for (let y = 0; y < h; y++) {
    acc.fill(roundV)
    for (let k = 0; k < taps; k++) {
      let sy = y + k - radius
      sy = sy < 0 ? 0 : sy >= h ? h - 1 : sy
      const wk = weights[k]!
      const s = sy * rowLen
      for (let i = 0; i < rowLen; i++) acc[i] += mid[s + i]! * wk
    }
    const d = y * rowLen
    for (let i = 0; i < rowLen; i++) out[d + i] = acc[i]! >> shiftV
  }
  if (alpha) unpremultiplyInPlace(out)
  return { width: w, height: h, data: out }
}
