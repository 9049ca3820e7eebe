/**
 * Raw-pixel operations on RGBA8 typed arrays: resample, rotate, crop, blur, sharpen, masks, compositing, text.
 * @module
 */
export type { Rgba } from './color.js'
export { TRANSPARENT, WHITE } from './color.js'
export { blankImage, hasTransparency } from './pixels.js'
export { extract, type Region } from './extract.js'
export { flip, type FlipAxis } from './flip.js'
export { rotateRightAngle, rotate90, rotate180, rotate270, type QuarterTurns } from './rotate-right-angle.js'
export { applyOrientation, type ExifOrientation } from './orientation.js'
export { resample, type ResampleOptions } from './resample/resample.js'
export { KERNELS, type Kernel, type KernelName } from './resample/kernels.js'
export { builtinResampler, type Resampler } from './resample/resampler.js'
export { createJsquashResampler, type JsquashResamplerOptions } from './resample/jsquash-resampler.js'
export { flatten } from './flatten.js'
export { composite, type CompositeOptions } from './composite.js'
export { psnr } from './psnr.js'
