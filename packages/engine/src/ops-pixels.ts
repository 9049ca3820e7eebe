import { composite, extract, flatten, flip, resample, rotateRightAngle } from '@imgproc/ops'
import type { PixelOps } from './pixels.js'

/**
 * The primitives @imgproc/ops publishes, in the engine's PixelOps shape. They take precedence over
 * the built-in stopgaps (src/builtin/); add a line here as ops publishes more (blur, sharpen, tone,
 * masks, any-angle rotate, text).
 */
export const opsPixels: Partial<PixelOps> = {
  extract: (image, rect) => extract(image, rect),
  // lanczos3 after an integer box pre-shrink (ops' default gap 2, as libvips)
  resize: (image, size) => resample(image, size.width, size.height),
  rotateQuarter: (image, turns) => rotateRightAngle(image, turns),
  flip: (image, axis) => flip(image, axis),
  flatten: (image, background) => flatten(image, background),
  // the engine owns every frame it passes, so the mark is drawn in place
  composite: (base, overlay, left, top, opacity) => composite(base, overlay, { left, top, opacity: opacity / 100, inPlace: true }),
}
