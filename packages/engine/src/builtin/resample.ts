/**
 * Stopgap resampler (until @imgproc/ops publishes one): integer box pre-shrink, then a separable
 * Lanczos-3 pass per axis with weights precomputed once per output column/row (no per-pixel
 * allocation). Images with transparency are resampled premultiplied so edges do not darken.
 */
import type { RawImage } from '@imgproc/types'
import type { Size } from '../geometry/size.js'

interface Taps {
  /** first source index per output index */
  start: Int32Array
  /** number of taps per output index */
  count: Int32Array
  /** weights, `maxTaps` per output index */
  weights: Float32Array
  maxTaps: number
}

function lanczos3(x: number): number {
  if (x === 0) return 1
  if (x <= -3 || x >= 3) return 0
  const px = Math.PI * x
  return (3 * Math.sin(px) * Math.sin(px / 3)) / (px * px)
}

/** Weights of a kernel stretched by the downscale factor (support 3 * scale each side). */
export function kernelTaps(srcSize: number, dstSize: number, kernel: (x: number) => number = lanczos3, support = 3): Taps {
  const scale = srcSize / dstSize
  const stretch = Math.max(1, scale)
  const radius = support * stretch
  const maxTaps = Math.ceil(radius) * 2 + 1
  const start = new Int32Array(dstSize), count = new Int32Array(dstSize)
  const weights = new Float32Array(dstSize * maxTaps)
  for (let i = 0; i < dstSize; i++) {
    const center = (i + 0.5) * scale
    const first = Math.max(0, Math.floor(center - radius))
    const last = Math.min(srcSize - 1, Math.ceil(center + radius))
    let sum = 0
    let n = 0
    for (let j = first; j <= last && n < maxTaps; j++, n++) {
      const w = kernel((j + 0.5 - center) / stretch)
      weights[i * maxTaps + n] = w
      sum += w
    }
    for (let k = 0; k < n; k++) weights[i * maxTaps + k]! /= sum || 1
    start[i] = first
    count[i] = n
  }
  return { start, count, weights, maxTaps }
}

/** Convolves every row with precomputed taps (output width = taps length). */
function passX(src: Uint8ClampedArray, W: number, H: number, taps: Taps): Uint8ClampedArray {
  const outW = taps.start.length
  const out = new Uint8ClampedArray(outW * H * 4)
  const { start, count, weights, maxTaps } = taps
  for (let y = 0; y < H; y++) {
    const rowIn = y * W * 4
    let o = y * outW * 4
    for (let x = 0; x < outW; x++, o += 4) {
      const n = count[x]!
      const wBase = x * maxTaps
      let p = rowIn + start[x]! * 4
      let r = 0, g = 0, b = 0, a = 0
      for (let k = 0; k < n; k++, p += 4) {
        const w = weights[wBase + k]!
        r += src[p]! * w
        g += src[p + 1]! * w
        b += src[p + 2]! * w
        a += src[p + 3]! * w
      }
      out[o] = r + 0.5
      out[o + 1] = g + 0.5
      out[o + 2] = b + 0.5
      out[o + 3] = a + 0.5
    }
  }
  return out
}

/** Convolves columns, one output row at a time over whole source rows (cache-friendly). */
function passY(src: Uint8ClampedArray, W: number, taps: Taps): Uint8ClampedArray {
  const outH = taps.start.length
  const rowLength = W * 4
  const out = new Uint8ClampedArray(rowLength * outH)
  const acc = new Float32Array(rowLength)
  const { start, count, weights, maxTaps } = taps
  for (let y = 0; y < outH; y++) {
    acc.fill(0.5)
    const n = count[y]!
    for (let k = 0; k < n; k++) {
      const w = weights[y * maxTaps + k]!
      const row = (start[y]! + k) * rowLength
      for (let i = 0; i < rowLength; i++) acc[i] += src[row + i]! * w
    }
    out.set(acc, y * rowLength)
  }
  return out
}

/** Averages fx x fy blocks (the cheap first stage of a large downscale). */
export function boxShrink(image: RawImage, fx: number, fy: number): RawImage {
  const W = Math.floor(image.width / fx), H = Math.floor(image.height / fy)
  const out = new Uint8ClampedArray(W * H * 4)
  const src = image.data
  const row = new Float32Array(W * 4)
  const area = fx * fy
  for (let y = 0; y < H; y++) {
    row.fill(0)
    for (let dy = 0; dy < fy; dy++) {
      let p = ((y * fy + dy) * image.width) * 4
      for (let x = 0, q = 0; x < W; x++, q += 4) {
        for (let dx = 0; dx < fx; dx++, p += 4) {
          row[q] += src[p]!
          row[q + 1] += src[p + 1]!
          row[q + 2] += src[p + 2]!
          row[q + 3] += src[p + 3]!
        }
      }
    }
    const o = y * W * 4
    for (let q = 0; q < W * 4; q++) out[o + q] = row[q]! / area + 0.5
  }
  return { width: W, height: H, data: out }
}

function hasTransparency(data: Uint8ClampedArray): boolean {
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 255) return true
  return false
}

function premultiply(data: Uint8ClampedArray, undo: boolean): void {
  for (let i = 0; i < data.length; i += 4) {
    const a = data[i + 3]!
    if (a === 255) continue
    const k = undo ? (a === 0 ? 0 : 255 / a) : a / 255
    data[i] = data[i]! * k
    data[i + 1] = data[i + 1]! * k
    data[i + 2] = data[i + 2]! * k
  }
}

/**
 * Resizes to exactly `size`. Box pre-shrink by floor(factor / 1.5) per axis keeps the residual
 * Lanczos factor at 1.5-3x, where it still sees enough taps; quality stays close to a full
 * Lanczos pass at a fraction of the taps.
 */
export function resize(image: RawImage, size: Size): RawImage {
  if (size.width === image.width && size.height === image.height) return image
  const alpha = hasTransparency(image.data)
  let current: RawImage = alpha ? { ...image, data: image.data.slice() } : image
  if (alpha) premultiply(current.data as Uint8ClampedArray, false)
  const fx = Math.max(1, Math.floor(image.width / size.width / 1.5))
  const fy = Math.max(1, Math.floor(image.height / size.height / 1.5))
  if (fx > 1 || fy > 1) current = boxShrink(current, fx, fy)
  let data = current.data
  let W = current.width
  if (W !== size.width) {
    data = passX(data, W, current.height, kernelTaps(W, size.width))
    W = size.width
  }
  if (current.height !== size.height) data = passY(data, W, kernelTaps(current.height, size.height))
  if (alpha) premultiply(data, true)
  return { width: size.width, height: size.height, data }
}

/** Gaussian blur with standard deviation `sigma`, kernel cut at `radius` (spec 2.8). */
export function blur(image: RawImage, radius: number, sigma: number): RawImage {
  const gauss = (x: number) => Math.exp(-(x * x) / (2 * sigma * sigma))
  const taps = (n: number) => {
    const t = kernelTaps(n, n, gauss, radius)
    return t
  }
  const h = passX(image.data, image.width, image.height, taps(image.width))
  return { width: image.width, height: image.height, data: passY(h, image.width, taps(image.height)) }
}
