import type { RawImage } from '@imgproc/types'

/**
 * Mean structural similarity (SSIM) of two same-size RGBA images, on luma (BT.601 weights, alpha
 * ignored). Windows are 8x8 boxes stepped every 4 pixels, evaluated from summed-area tables so
 * the cost is linear in the pixel count whatever the window size; constants K1 = 0.01,
 * K2 = 0.03, L = 255 as in Wang et al. 2004. Box windows instead of the paper's 11x11 Gaussian
 * keep it fast on 6-megapixel photos; the scores rank encoders the same way, which is what the
 * benchmark reports them for.
 */
export function ssim(a: RawImage, b: RawImage): number {
  if (a.width !== b.width || a.height !== b.height) {
    throw new RangeError(`Expected images of one size but received ${a.width}x${a.height} and ${b.width}x${b.height}`)
  }
  const { width, height } = a
  const window = Math.min(8, width, height)
  const step = Math.max(1, window >> 1)
  const stride = width + 1
  // Summed-area tables of x, y, x², y², xy (one extra zero row and column).
  const size = stride * (height + 1)
  const sx = new Float64Array(size)
  const sy = new Float64Array(size)
  const sxx = new Float64Array(size)
  const syy = new Float64Array(size)
  const sxy = new Float64Array(size)
  const da = a.data
  const db = b.data
  for (let y = 0; y < height; y++) {
    let rx = 0, ry = 0, rxx = 0, ryy = 0, rxy = 0
    const row = (y + 1) * stride
    const above = y * stride
    for (let x = 0, i = y * width * 4; x < width; x++, i += 4) {
      const lx = 0.299 * da[i]! + 0.587 * da[i + 1]! + 0.114 * da[i + 2]!
      const ly = 0.299 * db[i]! + 0.587 * db[i + 1]! + 0.114 * db[i + 2]!
      rx += lx; ry += ly; rxx += lx * lx; ryy += ly * ly; rxy += lx * ly
      const at = row + x + 1
      const up = above + x + 1
      sx[at] = sx[up]! + rx
      sy[at] = sy[up]! + ry
      sxx[at] = sxx[up]! + rxx
      syy[at] = syy[up]! + ryy
      sxy[at] = sxy[up]! + rxy
    }
  }
  const c1 = (0.01 * 255) ** 2
  const c2 = (0.03 * 255) ** 2
  const count = window * window
  let total = 0
  let windows = 0
  for (let y = 0; y + window <= height; y += step) {
    for (let x = 0; x + window <= width; x += step) {
      const p = y * stride + x
      const q = p + window
      const r = p + window * stride
      const s = r + window
      const mx = (sx[s]! - sx[q]! - sx[r]! + sx[p]!) / count
      const my = (sy[s]! - sy[q]! - sy[r]! + sy[p]!) / count
      const vx = (sxx[s]! - sxx[q]! - sxx[r]! + sxx[p]!) / count - mx * mx
      const vy = (syy[s]! - syy[q]! - syy[r]! + syy[p]!) / count - my * my
      const cov = (sxy[s]! - sxy[q]! - sxy[r]! + sxy[p]!) / count - mx * my
      total += ((2 * mx * my + c1) * (2 * cov + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2))
      windows++
    }
  }
  return total / windows
}
