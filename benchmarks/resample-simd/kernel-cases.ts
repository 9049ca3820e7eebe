/**
 * The kernel-level cases of the SIMD resampler benchmark: each gives the TypeScript pass and the
 * SIMD128 export on the same input, the SIMD side with its input and tables already in the
 * module's memory (so it times the kernel alone; the whole-resize cases include the copies).
 */
import type { RawImage } from '../../packages/types/src/index.js'
import { gaussianBlur } from '../../packages/ops/src/blur.js'
import { sharpen } from '../../packages/ops/src/sharpen.js'
import { boxShrink, boxShrinkPremultiplied } from '../../packages/ops/src/resample/box-shrink.js'
import { resampleColumns, resampleRows } from '../../packages/ops/src/resample/kernel-passes.js'
import { KERNELS } from '../../packages/ops/src/resample/kernels.js'
import { resample } from '../../packages/ops/src/resample/resample.js'
import { acquireSimd, type SimdExports } from '../../packages/ops/src/simd/simd-module.js'
import { columnWeightTable, rowWeightTable } from '../../packages/ops/src/resample/simd/weight-tables.js'
import { computeWeights } from '../../packages/ops/src/resample/weights.js'

export interface KernelCase {
  name: string
  /** millions of multiply-adds (kernel passes) or source pixels (box) per run, for a rate column */
  work: number
  unit: string
  scalar: () => unknown
  /** sets the module's memory up and returns the timed call */
  simd: () => () => unknown
}

/** Copies `parts` (byte arrays) one after another from the module's heap base, 16-byte aligned, each with 1 KB of slack. */
function layOut(parts: ArrayBufferView[]): { call: SimdExports; at: number[] } {
  const at: number[] = []
  let size = 0
  for (const p of parts) { at.push(size); size += (p.byteLength + 1024 + 15) & ~15 }
  const acquired = acquireSimd(size + (64 << 20))
  if (!acquired) throw new Error('WebAssembly SIMD unavailable')
  const bytes = new Uint8Array(acquired.simd.memory.buffer)
  parts.forEach((p, i) => { at[i]! += acquired.base; bytes.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), at[i]!) })
  // the outputs go past the last part
  at.push(acquired.base + size)
  return { call: acquired.simd, at }
}

function taps(w: { count: Int32Array }): number {
  let n = 0
  for (const c of w.count) n += c
  return n
}

export function kernelCases(photo: RawImage, half: RawImage, alpha: RawImage): KernelCase[] {
  const rows = computeWeights(half.width, 720, KERNELS.lanczos3)
  const narrow = resampleRows(half, 720, rows)
  const columns = computeWeights(narrow.height, 588, KERNELS.lanczos3)
  const boxPlain = { fx: 2, fy: 2 }
  const boxAlpha = { fx: 3, fy: 3 }
  return [
    {
      name: `horizontal pass, lanczos3 ${half.width}x${half.height} -> 720x${half.height}`,
      work: (taps(rows) * half.height * 4) / 1e6, unit: 'M multiply-adds',
      scalar: () => resampleRows(half, 720, rows),
      simd: () => {
        const t = rowWeightTable(rows)!
        const { call, at } = layOut([half.data, rows.start, t.table])
        return () => call.resample_rows(at[0]!, half.width, half.height, at[3]!, 720, at[1]!, t.groups, at[2]!)
      },
    },
    {
      name: `vertical pass, lanczos3 720x${narrow.height} -> 720x588`,
      work: (taps(columns) * 720 * 4) / 1e6, unit: 'M multiply-adds',
      scalar: () => resampleColumns(narrow, 588, columns),
      simd: () => {
        const t = columnWeightTable(columns)!
        const { call, at } = layOut([narrow.data, columns.start, columns.count, t.table])
        return () => call.resample_columns(at[0]!, 720 * 4, at[4]!, 588, at[1]!, at[2]!, t.pairs, at[3]!)
      },
    },
    {
      name: `box shrink 2x2, ${photo.width}x${photo.height} opaque`,
      work: (photo.width * photo.height) / 1e6, unit: 'M source pixels',
      scalar: () => boxShrink(photo.data, photo.width, photo.height, boxPlain.fx, boxPlain.fy),
      simd: () => {
        const { call, at } = layOut([photo.data, new Uint32Array(photo.width * 4 + 16)])
        return () => call.box_shrink(at[0]!, photo.width, photo.height, boxPlain.fx, boxPlain.fy, at[2]!, at[1]!, 0)
      },
    },
    {
      name: `box shrink 3x3 premultiplying, ${alpha.width}x${alpha.height} alpha`,
      work: (alpha.width * alpha.height) / 1e6, unit: 'M source pixels',
      scalar: () => boxShrinkPremultiplied(alpha.data, alpha.width, alpha.height, boxAlpha.fx, boxAlpha.fy),
      simd: () => {
        const { call, at } = layOut([alpha.data, new Uint32Array(alpha.width * 4 + 16)])
        return () => call.box_shrink(at[0]!, alpha.width, alpha.height, boxAlpha.fx, boxAlpha.fy, at[2]!, at[1]!, 1)
      },
    },
  ]
}

/** Whole `resample` calls (copies in and out included on the SIMD side). */
export function wholeCases(photo: RawImage, half: RawImage, alpha: RawImage): KernelCase[] {
  const whole = (name: string, image: RawImage, w: number, h: number): KernelCase => ({
    name, work: (image.width * image.height) / 1e6, unit: 'M source pixels',
    scalar: () => resample(image, w, h, { simd: false }),
    simd: () => () => resample(image, w, h),
  })
  return [
    whole(`resample ${half.width}x${half.height} -> 720x588 (the JPEG thumbnail after shrink-on-load)`, half, 720, 588),
    whole(`resample ${photo.width}x${photo.height} -> 720x588 (no shrink-on-load: kernel 3.8x at gap 2)`, photo, 720, 588),
    whole(`resample ${alpha.width}x${alpha.height} alpha -> 320x240 (box 3x3 premultiplying, then kernel)`, alpha, 320, 240),
  ]
}

/** Blur and sharpen on the whole photo, as benchmarks/ops.bench.ts times them against sharp (copies included). */
export function filterCases(photo: RawImage): KernelCase[] {
  const mega = (photo.width * photo.height) / 1e6
  return [
    {
      name: `gaussianBlur r 10, sigma 5, ${photo.width}x${photo.height}`, work: mega, unit: 'M pixels',
      scalar: () => gaussianBlur(photo, { radius: 10, sigma: 5, simd: false }),
      simd: () => () => gaussianBlur(photo, { radius: 10, sigma: 5 }),
    },
    {
      name: `sharpen amount 1 (3x3 unsharp), ${photo.width}x${photo.height}`, work: mega, unit: 'M pixels',
      scalar: () => sharpen(photo, 1, { simd: false }),
      simd: () => () => sharpen(photo, 1),
    },
  ]
}
