/**
 * @imgproc/ops without text rendering: every pixel operation, none of the font code (opentype.js
 * and the rasteriser, ~250 KB of script). An engine imports this on its main path and the full
 * entry (`@imgproc/ops`, which adds text) only when it draws text, so a bundler that splits code
 * keeps the font code out of pages that never draw any. esbuild assigns a module to every chunk
 * whose entry imports it, even through an `export *` nothing uses, so only a separate entry keeps
 * the font code off that path.
 * @module
 */
export type { Rgba } from './color.js'
export { TRANSPARENT, WHITE } from './color.js'
export { blankImage, hasTransparency } from './pixels.js'
export { extract, type Region } from './extract.js'
export { flip, type FlipAxis } from './flip.js'
export { rotateRightAngle, rotate90, rotate180, rotate270, type QuarterTurns } from './rotate-right-angle.js'
export { applyOrientation, type ExifOrientation } from './orientation.js'
export { DEFAULT_SHRINK_GAP, resample, type ResampleOptions } from './resample/resample.js'
export { KERNELS, type Kernel, type KernelName } from './resample/kernels.js'
export { builtinResampler, scalarResampler, type Resampler } from './resample/resampler.js'
export { simdAvailable } from './simd/simd-module.js'
export { createJsquashResampler, type JsquashResamplerOptions } from './resample/jsquash-resampler.js'
export { flatten } from './flatten.js'
export { composite, type CompositeOptions } from './composite.js'
export { psnr } from './psnr.js'
export { pixelsOf } from './pixels.js'
export { computeWeights, WEIGHT_BITS, type Weights } from './resample/weights.js'
export { rotate, rotatedSize } from './rotate-any.js'
export { gaussianBlur, gaussianWeights, type BlurOptions } from './blur.js'
export { sharpen } from './sharpen.js'
export { applyLut, brightness, brightnessLut, contrast, contrastLut } from './tone.js'
export { circleMask, type CircleOptions } from './mask-circle.js'
export { roundCorners } from './mask-rounded.js'
export { tile, type TileOptions } from './tile.js'
export { averageColor, hueStatistics, type HueStatistics } from './average.js'
