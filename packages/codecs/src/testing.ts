/**
 * Helpers for codec tests (ours and other packages'): synthetic images and PSNR.
 * @module
 */
import type { RawImage } from '@imgproc/types'

/** A smooth RGBA test image (gradients plus a soft alpha ramp when `alpha` is set). */
export function gradient(width: number, height: number, alpha = false): RawImage {
  const data = new Uint8ClampedArray(width * height * 4)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4
      data[i] = Math.round((x / Math.max(1, width - 1)) * 255)
      data[i + 1] = Math.round((y / Math.max(1, height - 1)) * 255)
      data[i + 2] = Math.round(((x + y) / Math.max(1, width + height - 2)) * 255)
      data[i + 3] = alpha ? Math.round(64 + (x / Math.max(1, width - 1)) * 191) : 255
    }
  }
  return { width, height, data }
}

/** Peak signal-to-noise ratio over the RGB (and, when `withAlpha`, A) channels; Infinity when equal. */
export function psnr(a: RawImage, b: RawImage, withAlpha = false): number {
  if (a.width !== b.width || a.height !== b.height) throw new RangeError(`Sizes differ: ${a.width}x${a.height} vs ${b.width}x${b.height}`)
  let sum = 0
  let count = 0
  for (let i = 0; i < a.data.length; i += 4) {
    for (let c = 0; c < (withAlpha ? 4 : 3); c++) {
      const d = a.data[i + c]! - b.data[i + c]!
      sum += d * d
    }
    count += withAlpha ? 4 : 3
  }
  if (sum === 0) return Infinity
  return 10 * Math.log10((255 * 255) / (sum / count))
}
