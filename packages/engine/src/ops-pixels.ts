import type { RawImage } from '@imgproc/types'
import {
  blankImage, circleMask, composite, contrast, extract, flatten, flip, gaussianBlur, resample, rotate, rotateRightAngle,
  roundCorners, sharpen, brightness,
} from '@imgproc/ops/core'
import type { Size } from './geometry/size.js'
import type { PixelOps, Rgba } from './pixels.js'

/**
 * Box pre-shrink leaves at least this factor to the lanczos3 kernel (ops' `shrinkGap`): 2, libvips'
 * own. On the 2725x2225 -> 720x588 thumbnail decoded at full size (no shrink-on-load), against
 * sharp's lanczos3 on raw pixels: gap 2 40.5 dB, gap 1.25 33.2 dB. The SIMD128 kernels of ops made
 * the difference in time small (benchmarks/results/resample-simd.md); with shrink-on-load (the
 * default for JPEG) the residual 1.9x is below either gap, so both give the same pixels.
 */
export const DEFAULT_RESAMPLE_GAP = 2

/** The image on a `canvas`-sized background at (left, top): m_pad bars and text+image marks. */
function embed(image: RawImage, canvas: Size, left: number, top: number, background: Rgba): RawImage {
  const out = blankImage(canvas.width, canvas.height)
  const fill = new Uint8ClampedArray([background.r, background.g, background.b, background.a])
  new Uint32Array(out.data.buffer, out.data.byteOffset, canvas.width * canvas.height).fill(new Uint32Array(fill.buffer)[0]!)
  // an opaque background takes the image exactly; a transparent one gets it blended onto nothing
  return composite(out, image, { left, top, inPlace: true })
}

/** ops' resample with a chosen pre-shrink gap. */
export function resizeWithGap(gap: number): NonNullable<PixelOps['resize']> {
  return (image, size) => resample(image, size.width, size.height, { shrinkGap: gap })
}

/** The engine's pixel primitives: @imgproc/ops in the engine's PixelOps shape (replaceable per member through createEngine). */
export const opsPixels: PixelOps = {
  embed,
  extract: (image, rect) => extract(image, rect),
  // lanczos3 after an integer box pre-shrink (see DEFAULT_RESAMPLE_GAP)
  resize: resizeWithGap(DEFAULT_RESAMPLE_GAP),
  rotateQuarter: (image, turns) => rotateRightAngle(image, turns),
  rotate: (image, degrees, background) => rotate(image, degrees, background),
  flip: (image, axis) => flip(image, axis),
  flatten: (image, background) => flatten(image, background),
  // the engine owns every frame it passes, so the mark is drawn in place
  composite: (base, overlay, left, top, opacity) => composite(base, overlay, { left, top, opacity: opacity / 100, inPlace: true }),
  blur: (image, radius, sigma) => gaussianBlur(image, { radius, sigma }),
  // OSS sharpen 50-399 (100 recommended) -> unsharp strength amount/100 (UNCONFIRMED curve, README)
  sharpen: (image, amount) => sharpen(image, amount / 100),
  bright: (image, value) => brightness(image, value),
  contrast: (image, value) => contrast(image, value),
  circleMask: (image) => circleMask(image),
  roundCorners: (image, rx, ry) => roundCorners(image, rx, ry),
  // the font parser and rasteriser load with the first text watermark (render-text.ts)
  renderText: async (spec) => (await import('./render-text.js')).renderTextSpec(spec),
}
