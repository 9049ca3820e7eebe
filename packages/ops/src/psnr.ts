import { ImgError, type RawImage } from '@imgproc/types'

/**
 * Peak signal-to-noise ratio in dB between two images of the same size over all four channels
 * (Infinity when identical). Used to compare our output with a reference implementation.
 */
export function psnr(a: RawImage, b: RawImage): number {
  if (a.width !== b.width || a.height !== b.height) {
    throw new ImgError('InvalidArgument', `Expected images of the same size but received ${a.width}x${a.height} and ${b.width}x${b.height}`)
  }
  const x = a.data
  const y = b.data
  let sum = 0
  for (let i = 0, n = x.length; i < n; i++) {
    const e = x[i]! - y[i]!
    sum += e * e
  }
  if (sum === 0) return Infinity
  const mse = sum / x.length
  return 10 * Math.log10((255 * 255) / mse)
}
