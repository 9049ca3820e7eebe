import type { Kernel } from './kernels.js'

/** Fixed-point precision of the weights: they sum to 1 << WEIGHT_BITS. */
export const WEIGHT_BITS = 14

/** Per output position: first source index, tap count, and `taps` Int32 weights from `offset`. */
export interface Weights {
  readonly start: Int32Array
  readonly count: Int32Array
  readonly taps: number
  readonly values: Int32Array
}

/**
 * Computes the fixed-point weights of a 1-D resample from `srcSize` to `dstSize`, once per call.
 * Pixel centres are aligned (the convention of libvips, sharp and Pillow). When downscaling the
 * kernel is stretched by the scale so every source pixel contributes (antialiasing).
 */
export function computeWeights(srcSize: number, dstSize: number, kernel: Kernel): Weights {
  const scale = srcSize / dstSize
  const stretch = Math.max(1, scale)
  const support = kernel.support * stretch
  const taps = Math.max(1, Math.ceil(support * 2) + 1)
  const start = new Int32Array(dstSize)
  const count = new Int32Array(dstSize)
  const values = new Int32Array(dstSize * taps)
  const tmp = new Float64Array(taps)
  const one = 1 << WEIGHT_BITS
  for (let i = 0; i < dstSize; i++) {
    const centre = (i + 0.5) * scale
    let lo = Math.max(0, Math.floor(centre - support))
    const hi = Math.min(srcSize, Math.ceil(centre + support))
    let n = 0
    let sum = 0
    for (let j = lo; j < hi && n < taps; j++) {
      const w = kernel.weight((j + 0.5 - centre) / stretch)
      tmp[n++] = w
      sum += w
    }
    if (sum === 0) { // a nearest kernel between centres: take the closest pixel
      lo = Math.min(srcSize - 1, Math.max(0, Math.floor(centre)))
      tmp[0] = 1; n = 1; sum = 1
    }
    // to fixed point first, then drop the taps that round to zero at both ends (fewer taps in the hot loops)
    const fixed = new Int32Array(n)
    let acc = 0
    let largest = 0
    for (let k = 0; k < n; k++) {
      fixed[k] = Math.round((tmp[k]! / sum) * one)
      acc += fixed[k]!
      if (Math.abs(tmp[k]!) > Math.abs(tmp[largest]!)) largest = k
    }
    fixed[largest] += one - acc // exact unit sum: flat areas stay flat
    let first = 0
    while (first < n - 1 && fixed[first] === 0) first++
    while (n > first + 1 && fixed[n - 1] === 0) n--
    start[i] = lo + first
    count[i] = n - first
    values.set(fixed.subarray(first, n), i * taps)
  }
  return { start, count, taps, values }
}
