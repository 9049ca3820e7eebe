import type { RawImage } from '@imgproc/types'
import { ImgError } from '@imgproc/types'
import { sharpenSimd } from './sharpen-simd.js'

/**
 * 3x3 unsharp mask: out = src + amount * (src - B), where B is the [1 2 1] x [1 2 1] / 16 blur.
 * `amount` is a plain strength (0 = unchanged, 1 = one full difference added); the engine maps
 * OSS's 50-399 onto it. Colour channels only, alpha kept; edges replicated. Amount 0 returns
 * `image` itself.
 */
export function sharpen(image: RawImage, amount: number, options: { simd?: boolean } = {}): RawImage {
  if (!(amount >= 0) || amount > 100) throw new ImgError('InvalidArgument', `Expected sharpen amount 0-100 but received ${amount}`)
  const k = Math.round(amount * 256)
  if (k === 0) return image
  // the WebAssembly SIMD128 kernel when the runtime runs it (sharpen-simd.ts): the same bytes
  return (options.simd !== false && sharpenSimd(image, k)) || sharpenScalar(image, k)
}

/** The TypeScript loop: the reference sharpen-simd.ts equals byte for byte. */
function sharpenScalar(image: RawImage, k: number): RawImage {
  const { width: w, height: h } = image
  const src = image.data
  const out = new Uint8ClampedArray(src.length)
  const rowLen = w * 4
  // vertical [1 2 1] sums of the current row, padded by one replicated pixel each side so the
  // horizontal step needs no bounds tests; alpha lanes unused
  const v = new Int32Array(rowLen + 8)
  for (let y = 0; y < h; y++) {
    const row = y * rowLen
    const up = y > 0 ? row - rowLen : row
    const down = y < h - 1 ? row + rowLen : row
    for (let i = 0; i < rowLen; i += 4) {
      v[i + 4] = src[up + i]! + 2 * src[row + i]! + src[down + i]!
      v[i + 5] = src[up + i + 1]! + 2 * src[row + i + 1]! + src[down + i + 1]!
      v[i + 6] = src[up + i + 2]! + 2 * src[row + i + 2]! + src[down + i + 2]!
    }
    v[0] = v[4]; v[1] = v[5]; v[2] = v[6]
    v[rowLen + 4] = v[rowLen]; v[rowLen + 5] = v[rowLen + 1]; v[rowLen + 6] = v[rowLen + 2]
    for (let i = 0, o = row; i < rowLen; i += 4, o += 4) {
      // out = c + (16c - B) * k / 4096, B = left + 2 centre + right of the vertical sums (v[i + 4] is this pixel)
      const c0 = src[o]!, c1 = src[o + 1]!, c2 = src[o + 2]!
      out[o] = c0 + (((16 * c0 - v[i]! - 2 * v[i + 4]! - v[i + 8]!) * k + 2048) >> 12)
      out[o + 1] = c1 + (((16 * c1 - v[i + 1]! - 2 * v[i + 5]! - v[i + 9]!) * k + 2048) >> 12)
      out[o + 2] = c2 + (((16 * c2 - v[i + 2]! - 2 * v[i + 6]! - v[i + 10]!) * k + 2048) >> 12)
      out[o + 3] = src[o + 3]!
    }
  }
  return { width: w, height: h, data: out }
}
