import type { RawImage } from '@imgproc/types'
import { ImgError } from '@imgproc/types'
import { blurSimd } from './blur-simd.js'
import { hasTransparency } from './pixels.js'
import { premultiply, unpremultiplyInPlace } from './premultiply.js'

export interface BlurOptions {
  /** kernel half-width in pixels (the kernel has 2 * radius + 1 taps) */
  radius: number
  /** standard deviation of the gaussian in pixels */
  sigma: number
  /** the WebAssembly SIMD128 passes when the runtime runs them (default true); same bytes either way */
  simd?: boolean
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
  const weights = gaussianWeights(radius, sigma)
  return (options.simd !== false && blurSimd(image, weights)) || blurScalar(image, weights)
}

/** The TypeScript passes: the reference blur-simd.ts equals byte for byte. */
function blurScalar(image: RawImage, weights: Int32Array): RawImage {
  const { width: w, height: h } = image
  const alpha = hasTransparency(image)
  const src = alpha ? premultiply(image.data) : image.data
  // opaque images skip the alpha lane in both passes (a quarter less work)
  const ch = alpha ? 4 : 3
  const out = verticalPass(horizontalPass(src, w, h, weights, ch), w, h, weights, ch)
  if (alpha) unpremultiplyInPlace(out)
  return { width: w, height: h, data: out }
}

/** Each row copied into a buffer padded with replicated edge pixels, then convolved without bounds tests. */
function horizontalPass(src: Uint8ClampedArray, w: number, h: number, weights: Int32Array, ch: number): Uint16Array {
  const taps = weights.length
  const radius = taps >> 1
  const wc = weights[radius]!
  const rowLen = w * 4
  const mid = new Uint16Array(w * h * ch)
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
    if (ch === 4) {
      for (let x = 0, d = y * w * 4; x < w; x++, d += 4) {
        let r = round, g = round, b = round, a = round
        // symmetric kernel: the pixels k left and k right of centre share a weight
        for (let k = 0, p = x * 4, q = (x + taps - 1) * 4; k < radius; k++, p += 4, q -= 4) {
          const wk = weights[k]!
          r += (padded[p]! + padded[q]!) * wk; g += (padded[p + 1]! + padded[q + 1]!) * wk
          b += (padded[p + 2]! + padded[q + 2]!) * wk; a += (padded[p + 3]! + padded[q + 3]!) * wk
        }
        const c = (x + radius) * 4
        r += padded[c]! * wc; g += padded[c + 1]! * wc; b += padded[c + 2]! * wc; a += padded[c + 3]! * wc
        mid[d] = r >> shift; mid[d + 1] = g >> shift; mid[d + 2] = b >> shift; mid[d + 3] = a >> shift
      }
    } else {
      for (let x = 0, d = y * w * 3; x < w; x++, d += 3) {
        let r = round, g = round, b = round
        for (let k = 0, p = x * 4, q = (x + taps - 1) * 4; k < radius; k++, p += 4, q -= 4) {
          const wk = weights[k]!
          r += (padded[p]! + padded[q]!) * wk; g += (padded[p + 1]! + padded[q + 1]!) * wk; b += (padded[p + 2]! + padded[q + 2]!) * wk
        }
        const c = (x + radius) * 4
        r += padded[c]! * wc; g += padded[c + 1]! * wc; b += padded[c + 2]! * wc
        mid[d] = r >> shift; mid[d + 1] = g >> shift; mid[d + 2] = b >> shift
      }
    }
  }
  return mid
}

/** Whole rows accumulated in sequence; source rows clamped once per output row. */
function verticalPass(mid: Uint16Array, w: number, h: number, weights: Int32Array, ch: number): Uint8ClampedArray {
  const taps = weights.length
  const radius = taps >> 1
  const rowLen = w * ch
  const out = new Uint8ClampedArray(w * h * 4)
  const acc = new Int32Array(rowLen)
  const shift = BITS + MID_BITS
  const round = 1 << (shift - 1)
  for (let y = 0; y < h; y++) {
    acc.fill(round)
    // the kernel is symmetric: rows k and taps-1-k share a weight, so they are added before the
    // multiply; two such pairs per sweep over the row (fewer accumulator loads and stores)
    let k = 0
    for (; k + 1 < radius; k += 2) {
      const a0 = clampRow(y + k - radius, h) * rowLen, b0 = clampRow(y + radius - k, h) * rowLen
      const a1 = clampRow(y + k + 1 - radius, h) * rowLen, b1 = clampRow(y + radius - k - 1, h) * rowLen
      const w0 = weights[k]!, w1 = weights[k + 1]!
      for (let i = 0; i < rowLen; i++) acc[i] += (mid[a0 + i]! + mid[b0 + i]!) * w0 + (mid[a1 + i]! + mid[b1 + i]!) * w1
    }
    for (; k < radius; k++) {
      const a0 = clampRow(y + k - radius, h) * rowLen, b0 = clampRow(y + radius - k, h) * rowLen
      const w0 = weights[k]!
      for (let i = 0; i < rowLen; i++) acc[i] += (mid[a0 + i]! + mid[b0 + i]!) * w0
    }
    const c0 = y * rowLen
    const wc = weights[radius]!
    for (let i = 0; i < rowLen; i++) acc[i] += mid[c0 + i]! * wc
    if (ch === 4) {
      const d = y * rowLen
      for (let i = 0; i < rowLen; i++) out[d + i] = acc[i]! >> shift
    } else {
      for (let i = 0, d = y * w * 4; i < rowLen; i += 3, d += 4) {
        out[d] = acc[i]! >> shift; out[d + 1] = acc[i + 1]! >> shift; out[d + 2] = acc[i + 2]! >> shift; out[d + 3] = 255
      }
    }
  }
  return out
}

/** Replicated edges: rows above the top read the first row, below the bottom the last. */
function clampRow(y: number, h: number): number {
  return y < 0 ? 0 : y >= h ? h - 1 : y
}
