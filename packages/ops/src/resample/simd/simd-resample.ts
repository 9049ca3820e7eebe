import type { RawImage } from '@imgproc/types'
import type { Weights } from '../weights.js'
import { acquireSimd, bufferLayout, copyImageOut, LITTLE_ENDIAN, releaseSimd } from '../../simd/simd-module.js'
import { columnWeightTable, rowWeightTable } from './weight-tables.js'

/**
 * What `resample` decided (resample.ts): box factors, each kernel pass's weights, and whether a
 * transparent image is premultiplied (each implementation looks for transparency itself).
 */
export interface ResamplePlan {
  readonly fx: number
  readonly fy: number
  /** false for 'nearest', which copies whole pixels: premultiplying would only lose colour */
  readonly premultiplyIfTransparent: boolean
  /** horizontal pass weights (absent when the width is already right after the box shrink) */
  readonly rows?: Weights
  /** vertical pass weights (likewise for the height) */
  readonly columns?: Weights
}


/**
 * The resample of `plan` with the SIMD128 kernels of native/simd/resample.c: the source is copied into the
 * module's memory once, every pass runs there, and the result is copied out. The bytes equal the
 * TypeScript passes' exactly (same integer sums, same double divisions). Undefined when the module
 * cannot run here, or the plan is outside what its 16- and 32-bit arithmetic holds exactly (the
 * caller then runs the TypeScript passes).
 */
export function resampleSimd(image: RawImage, width: number, height: number, plan: ResamplePlan): RawImage | undefined {
  if (!LITTLE_ENDIAN) return undefined
  const { fx, fy } = plan
  const box = fx > 1 || fy > 1
  // block sums are 32-bit: (colour x alpha) x pixels must stay below 2^32
  if (box && fx * fy * 255 * 255 >= 2 ** 32) return undefined
  const rowTable = plan.rows && rowWeightTable(plan.rows)
  const columnTable = plan.columns && columnWeightTable(plan.columns)
  if ((plan.rows && !rowTable) || (plan.columns && !columnTable)) return undefined

  const w1 = box ? Math.ceil(image.width / fx) : image.width
  const h1 = box ? Math.ceil(image.height / fy) : image.height
  const rowSlack = rowTable ? rowTable.groups * 16 : 0
  const layout = bufferLayout()
  const take = layout.take
  const src = take(image.data.length + (box ? 0 : rowSlack))
  const sums = box ? take((image.width * 4 + 16) * 4) : 0
  const shrunk = box ? take(w1 * h1 * 4 + rowSlack) : src
  const rowsOut = rowTable ? take(width * h1 * 4) : shrunk
  const rowStarts = rowTable ? take(width * 4) : 0
  const rowWeights = rowTable ? take(rowTable.table.byteLength) : 0
  const columnsOut = columnTable ? take(width * height * 4) : rowsOut
  const columnStarts = columnTable ? take(height * 4) : 0
  const columnCounts = columnTable ? take(height * 4) : 0
  const columnWeights = columnTable ? take(columnTable.table.byteLength) : 0

  const acquired = acquireSimd(layout.size)
  if (!acquired) return undefined
  const { simd, base } = acquired
  try {
    const buffer = simd.memory.buffer
    new Uint8Array(buffer, base + src, image.data.length).set(image.data)
    const transparent = plan.premultiplyIfTransparent && simd.has_transparency(base + src, image.width * image.height) === 1
    if (box) simd.box_shrink(base + src, image.width, image.height, fx, fy, base + shrunk, base + sums, transparent ? 1 : 0)
    else if (transparent) simd.premultiply(base + src, base + src, image.width * image.height)
    if (rowTable) {
      new Int32Array(buffer, base + rowStarts, width).set(plan.rows!.start)
      new Int16Array(buffer, base + rowWeights, rowTable.table.length).set(rowTable.table)
      simd.resample_rows(base + shrunk, w1, h1, base + rowsOut, width, base + rowStarts, rowTable.groups, base + rowWeights)
    }
    if (columnTable) {
      new Int32Array(buffer, base + columnStarts, height).set(plan.columns!.start)
      new Int32Array(buffer, base + columnCounts, height).set(plan.columns!.count)
      new Int16Array(buffer, base + columnWeights, columnTable.table.length).set(columnTable.table)
      simd.resample_columns(base + rowsOut, width * 4, base + columnsOut, height, base + columnStarts,
        base + columnCounts, columnTable.pairs, base + columnWeights)
    }
    if (transparent) simd.unpremultiply(base + columnsOut, width * height)
    return copyImageOut(simd, base + columnsOut, width, height)
  } finally {
    releaseSimd()
  }
}
