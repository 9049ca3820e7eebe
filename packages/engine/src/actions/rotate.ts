import { rotatedSize as opsRotatedSize } from '@imgproc/ops/core'
import { checkCaps } from '../geometry/resize.js'
import type { Size } from '../geometry/size.js'
import { checkRotateSource } from '../limits.js'
import { TRANSPARENT } from '../pixels.js'
import { addStep, defineAction, need, type PlanContext, type Step } from '../step.js'

/** Canvas of an image rotated by any angle: the bounding box of the turned rectangle (ops' rule). */
export function rotatedSize(size: Size, degrees: number): Size {
  return opsRotatedSize(size.width, size.height, degrees)
}

/** Steps for a clockwise rotation: quarter turns are exact transposes, other angles grow the canvas. */
export function rotationSteps(ctx: PlanContext, action: string, degrees: number): Step[] {
  const angle = ((degrees % 360) + 360) % 360
  if (angle === 0) return []
  if (angle % 90 === 0) {
    const turns = (angle / 90) as 1 | 2 | 3
    const turn = need(ctx, 'rotateQuarter', action)
    const output = turns === 2 ? ctx.size : { width: ctx.size.height, height: ctx.size.width }
    return [addStep(ctx, action, 'rotate', { degrees: angle }, output, (image) => turn(image, turns))]
  }
  const rotate = need(ctx, 'rotate', action)
  const output = rotatedSize(ctx.size, angle)
  checkCaps(output, { maxSide: ctx.limits.maxOutputSide, maxPixels: ctx.limits.maxOutputPixels })
  // The uncovered corners are transparent (JPEG output turns them white) — fill colour UNCONFIRMED.
  ctx.alpha = true
  return [addStep(ctx, action, 'rotate', { degrees: angle, background: 'transparent' }, output, (image) => rotate(image, angle, TRANSPARENT))]
}

/** rotate (spec 2.6): clockwise degrees 0-360; sources with a side over 4096 are refused. */
export const rotate = defineAction({
  name: 'rotate',
  keepsAnimation: () => false, // spec 4: any action but resize by w/h, crop and watermark takes the first frame
  plan({ params }, ctx) {
    const degrees = params.value
    if (degrees % 360 === 0) return []
    checkRotateSource(ctx.size.width, ctx.size.height, ctx.limits)
    return rotationSteps(ctx, 'rotate', degrees)
  },
})
