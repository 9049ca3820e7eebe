/**
 * Stopgap tone and sharpen primitives (until @imgproc/ops publishes them). The exact OSS curves
 * are UNCONFIRMED (spec 2.9/2.10); ours: bright adds value * 2.55 to each channel, contrast scales
 * around mid-grey by (100 + value) / 100 (value -100 -> flat grey), sharpen is an unsharp 3x3
 * Laplacian with strength amount / 100 (100 = the recommended, moderate setting).
 */
import type { RawImage } from '@imgproc/types'

function withLut(image: RawImage, lut: Uint8ClampedArray): RawImage {
  const src = image.data
  const out = new Uint8ClampedArray(src.length)
  for (let i = 0; i < src.length; i += 4) {
    out[i] = lut[src[i]!]!
    out[i + 1] = lut[src[i + 1]!]!
    out[i + 2] = lut[src[i + 2]!]!
    out[i + 3] = src[i + 3]!
  }
  return { width: image.width, height: image.height, data: out }
}

export function bright(image: RawImage, value: number): RawImage {
  const lut = new Uint8ClampedArray(256)
  for (let v = 0; v < 256; v++) lut[v] = v + value * 2.55 + 0.5
  return withLut(image, lut)
}

export function contrast(image: RawImage, value: number): RawImage {
  const lut = new Uint8ClampedArray(256)
  const k = (100 + value) / 100
  for (let v = 0; v < 256; v++) lut[v] = (v - 127.5) * k + 127.5 + 0.5
  return withLut(image, lut)
}

export function sharpen(image: RawImage, amount: number): RawImage {
  const { width: W, height: H, data: src } = image
  const out = src.slice()
  const k = amount / 100 / 4
  const row = W * 4
  for (let y = 1; y < H - 1; y++) {
    for (let x = 1; x < W - 1; x++) {
      const p = y * row + x * 4
      for (let c = 0; c < 3; c++) {
        const i = p + c
        const lap = 4 * src[i]! - src[i - 4]! - src[i + 4]! - src[i - row]! - src[i + row]!
        out[i] = src[i]! + lap * k
      }
    }
  }
  return { width: W, height: H, data: out }
}
