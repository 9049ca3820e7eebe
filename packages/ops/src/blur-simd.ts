import type { RawImage } from '@imgproc/types'
import { columnWeightTable, rowWeightTable } from './resample/simd/weight-tables.js'
import { acquireSimd, bufferLayout, copyImageOut, LITTLE_ENDIAN, releaseSimd } from './simd/simd-module.js'


/**
 * `gaussianBlur` (blur.ts) on the SIMD128 kernels of native/simd/filters.c: the same fixed-point
 * passes (14-bit weights, a 16-bit intermediate with 4 extra bits, edges replicated,
 * premultiplied when some pixel is not opaque), so the same bytes. Undefined when the module
 * cannot run here (the caller then runs the TypeScript passes).
 */
export function blurSimd(image: RawImage, weights: Int32Array): RawImage | undefined {
  if (!LITTLE_ENDIAN) return undefined
  const { width, height } = image
  const taps = weights.length
  const radius = taps >> 1
  // one output position's taps: the resampler's table layouts (groups of 4 for rows, pairs for columns)
  const axis = { start: new Int32Array(1), count: Int32Array.of(taps), taps, values: weights }
  const rows = rowWeightTable(axis)
  const columns = columnWeightTable(axis)
  if (!rows || !columns) return undefined
  const { groups, table: rowTable } = rows
  const { pairs, table: columnTable } = columns
  const layout = bufferLayout()
  const take = layout.take
  const pixels = width * height
  const src = take(pixels * 4)
  const mid = take(pixels * 8)
  const out = take(pixels * 4)
  const padded = take((width + 2 * radius) * 4 + groups * 16)
  const rowWeights = take(rowTable.byteLength)
  const columnWeights = take(columnTable.byteLength)
  const acquired = acquireSimd(layout.size)
  if (!acquired) return undefined
  const { simd, base } = acquired
  try {
    const buffer = simd.memory.buffer
    new Uint8Array(buffer, base + src, pixels * 4).set(image.data)
    new Int16Array(buffer, base + rowWeights, rowTable.length).set(rowTable)
    new Int16Array(buffer, base + columnWeights, columnTable.length).set(columnTable)
    const alpha = simd.has_transparency(base + src, pixels) === 1
    if (alpha) simd.premultiply(base + src, base + src, pixels)
    simd.blur_rows(base + src, width, height, base + mid, base + padded, radius, groups, base + rowWeights)
    simd.blur_columns(base + mid, width, height, base + out, radius, pairs, base + columnWeights)
    if (alpha) simd.unpremultiply(base + out, pixels)
    return copyImageOut(simd, base + out, width, height)
  } finally {
    releaseSimd()
  }
}
