import type { RawImage } from '@imgproc/types'
import { acquireSimd, bufferLayout, copyImageOut, LITTLE_ENDIAN, releaseSimd } from './simd/simd-module.js'

/**
 * `sharpen` (sharpen.ts) on the SIMD128 kernel of native/simd/filters.c: the same integer
 * arithmetic (strength `k` in 1/256, edges replicated, alpha copied), so the same bytes.
 * Undefined when the module cannot run here (the caller then runs the TypeScript loop).
 */
export function sharpenSimd(image: RawImage, k: number): RawImage | undefined {
  const { width, height } = image
  if (!LITTLE_ENDIAN) return undefined
  const bytes = width * height * 4
  const layout = bufferLayout()
  const src = layout.take(bytes)
  const out = layout.take(bytes)
  const vsum = layout.take((width + 8) * 4 * 2)
  const acquired = acquireSimd(layout.size)
  if (!acquired) return undefined
  const { simd, base } = acquired
  try {
    const buffer = simd.memory.buffer
    new Uint8Array(buffer, base + src, bytes).set(image.data)
    simd.sharpen(base + src, width, height, base + out, base + vsum, k)
    return copyImageOut(simd, base + out, width, height)
  } finally {
    releaseSimd()
  }
}
