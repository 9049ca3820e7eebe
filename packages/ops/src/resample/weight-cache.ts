import { KERNELS, type KernelName } from './kernels.js'
import { computeWeights, type Weights } from './weights.js'

/** Weight tables of the last few resamples: a server makes the same thumbnail sizes over and over. */
const KEEP = 16
const cache = new Map<string, Weights>()

/**
 * `computeWeights` for a kernel by name, remembered (least recently used first out). Building a
 * table costs a sine per tap, about as long as the SIMD kernel passes of a thumbnail themselves.
 * Tables are never modified after they are built, so sharing them is safe.
 */
export function cachedWeights(srcSize: number, dstSize: number, kernel: KernelName): Weights {
  const key = `${kernel} ${srcSize} ${dstSize}`
  let weights = cache.get(key)
  if (weights) cache.delete(key)
  else {
    weights = computeWeights(srcSize, dstSize, KERNELS[kernel])
    if (cache.size >= KEEP) cache.delete(cache.keys().next().value!)
  }
  cache.set(key, weights)
  return weights
}
