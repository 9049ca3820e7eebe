import { ImgError, type RawImage } from '@imgproc/types'
import { hasTransparency } from '../pixels.js'
import { premultiply, unpremultiplyInPlace } from '../premultiply.js'
import { boxShrink, boxShrinkPremultiplied } from './box-shrink.js'
import { resampleColumns, resampleRows } from './kernel-passes.js'
import type { KernelName } from './kernels.js'
import { resampleSimd, type ResamplePlan } from './simd/simd-resample.js'
import { cachedWeights } from './weight-cache.js'

export interface ResampleOptions {
  /** reconstruction filter; default 'lanczos3' */
  kernel?: KernelName
  /**
   * Integer box pre-shrink threshold, as libvips' `gap`: when an axis shrinks by a factor s, it is
   * first box-averaged by floor(s / gap), leaving a kernel reduction of at least `gap`. Larger is
   * slower and closer to a pure kernel resize; 0 disables the pre-shrink. Default 2, libvips' own
   * (and so sharp's): with the SIMD kernels it costs little, and it is what keeps the result within
   * 40 dB of sharp's (benchmarks/results/resample-simd.md).
   */
  shrinkGap?: number
  /**
   * Run the passes with the WebAssembly SIMD128 kernels when the runtime can (default true). They
   * give exactly the bytes of the TypeScript passes, which run when this is false, when the
   * runtime has no SIMD or refuses to compile the module (Workers), or past the kernels' limits.
   */
  simd?: boolean
}

/** libvips' `gap` (vips_resize): the kernel always does at least a 2x reduction itself. */
export const DEFAULT_SHRINK_GAP = 2
/** Largest output a single resample allocates (16384 x 16384). */
const MAX_PIXELS = 1 << 28

/**
 * Resizes to exactly `width` x `height` with a separable kernel: rows first, then columns, in
 * fixed-point integer arithmetic with weights computed once per call. Alpha is premultiplied for
 * the filtering (only when some pixel is not opaque). The same size returns the same object.
 */
export function resample(image: RawImage, width: number, height: number, options: ResampleOptions = {}): RawImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width * height > MAX_PIXELS) {
    throw new ImgError('InvalidArgument', `Expected a target size of 1-${MAX_PIXELS} pixels but received ${width}x${height}`)
  }
  if (width === image.width && height === image.height) return image
  const plan = planResample(image, width, height, options)
  return (options.simd !== false && resampleSimd(image, width, height, plan)) || resampleScalar(image, width, height, plan)
}

/** Box factors, premultiplication and the kernel passes' weights (shared by both implementations). */
function planResample(image: RawImage, width: number, height: number, options: ResampleOptions): ResamplePlan {
  const kernelName = options.kernel ?? 'lanczos3'
  const gap = options.shrinkGap ?? DEFAULT_SHRINK_GAP
  const preShrink = gap > 0 && kernelName !== 'nearest'
  const fx = preShrink ? Math.max(1, Math.floor(image.width / width / gap)) : 1
  const fy = preShrink ? Math.max(1, Math.floor(image.height / height / gap)) : 1
  const workWidth = Math.ceil(image.width / fx)
  const workHeight = Math.ceil(image.height / fy)
  return {
    fx, fy,
    // nearest copies whole pixels, so premultiplying (lossy at low alpha in 8 bits) would only hurt
    premultiplyIfTransparent: kernelName !== 'nearest',
    ...(workWidth !== width ? { rows: cachedWeights(workWidth, width, kernelName) } : {}),
    ...(workHeight !== height ? { columns: cachedWeights(workHeight, height, kernelName) } : {}),
  }
}

/** The TypeScript reference: box pre-shrink, rows, columns, as the SIMD kernels do them. */
function resampleScalar(image: RawImage, width: number, height: number, plan: ResamplePlan): RawImage {
  const { fx, fy } = plan
  const transparent = plan.premultiplyIfTransparent && hasTransparency(image)
  let work: RawImage
  if (fx > 1 || fy > 1) {
    // with transparency the pre-shrink premultiplies as it reads (no full-size premultiplied copy)
    work = (transparent ? boxShrinkPremultiplied : boxShrink)(image.data, image.width, image.height, fx, fy)
  } else work = transparent ? { width: image.width, height: image.height, data: premultiply(image.data) } : image
  if (plan.rows) work = resampleRows(work, width, plan.rows)
  if (plan.columns) work = resampleColumns(work, height, plan.columns)
  if (transparent) unpremultiplyInPlace(work.data)
  return work
}
