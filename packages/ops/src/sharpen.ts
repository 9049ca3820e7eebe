import type { RawImage } from '@imgproc/types'
import { ImgError } from '@imgproc/types'

/**
 * 3x3 unsharp mask: out = src + amount * (src - B), where B is the [1 2 1] x [1 2 1] / 16 blur.
 * `amount` is a plain strength (0 = unchanged, 1 = one full difference added); the engine maps
 * OSS's 50-399 onto it. Colour channels only, alpha kept; edges replicated. Amount 0 returns
 * `image` itself.
 */
export function sharpen(image: RawImage, amount: number): RawImage {
  if (!(amount >= 0) || amount > 100) throw new ImgError('InvalidArgument', `Expected sharpen amount 0-100 but received ${amount}`)
  const k = Math.round(amount * 256)
  if (k === 0) return image
  const { width: w, height: h } = image
  const src = image.data
  const out = new Uint8ClampedArray(src.length)
  const rowLen = w * 4
  const v = new Int32Array(rowLen) // vertical [1 2 1] sums of the current row
  for (let y = 0; y < h; y++) {
    const row = y * rowLen
    const up = y > 0 ? row - rowLen : row
    const down = y < h - 1 ? row + rowLen : row
    for (let i = 0; i < rowLen; i++) v[i] = src[up + i]! + 2 * src[row + i]! + src[down + i]!
    for (let x = 0; x < w; x++) {
      const i = x * 4
      const l = x > 0 ? i - 4 : i
      const r = x < w - 1 ? i + 4 : i
      const o = row + i
      // (16 * src - B) * k / 4096, rounded: B = left + 2 * centre + right of the vertical sums
      const c0 = src[o]!, c1 = src[o + 1]!, c2 = src[o + 2]!
      out[o] = c0 + (((16 * c0 - v[l]! - 2 * v[i]! - v[r]!) * k + 2048) >> 12)
      out[o + 1] = c1 + (((16 * c1 - v[l + 1]! - 2 * v[i + 1]! - v[r + 1]!) * k + 2048) >> 12)
      out[o + 2] = c2 + (((16 * c2 - v[l + 2]! - 2 * v[i + 2]! - v[r + 2]!) * k + 2048) >> 12)
      out[o + 3] = src[o + 3]!
    }
  }
  return { width: w, height: h, data: out }
}
