import type { Size } from '../geometry/size.js'
import { checkRotateSource } from '../limits.js'
import { addStep, defineAction, need, type PlanContext, type Step } from '../step.js'

/** Size after applying an EXIF orientation: 5-8 swap the sides. */
export function orientedSize(size: Size, orientation: number): Size {
  return orientation >= 5 && orientation <= 8 ? { width: size.height, height: size.width } : size
}

/**
 * Steps that make EXIF orientation `o` upright: 2 mirror, 3 half turn, 4 flip, 5 transpose
 * (quarter turn + mirror), 6 quarter turn, 7 transverse (three quarters + mirror), 8 three quarters.
 */
export function orientationSteps(ctx: PlanContext, orientation: number): Step[] {
  if (orientation < 2 || orientation > 8) return []
  const turns = ({ 3: 2, 5: 1, 6: 1, 7: 3, 8: 3 } as Record<number, 1 | 2 | 3 | undefined>)[orientation]
  const mirror = orientation === 2 || orientation === 5 || orientation === 7
  const flipVertical = orientation === 4
  const turn = turns ? need(ctx, 'rotateQuarter', 'auto-orient') : undefined
  const flip = mirror || flipVertical ? need(ctx, 'flip', 'auto-orient') : undefined
  const output = orientedSize(ctx.size, orientation)
  return [
    addStep(ctx, 'auto-orient', 'orient', { orientation }, output, (image) => {
      let out = turn && turns ? turn(image, turns) : image
      if (flip) out = flip(out, flipVertical ? 'vertical' : 'horizontal')
      return out
    }),
  ]
}

/**
 * auto-orient (spec 2.7) is applied before everything else, wherever it is written: the planner
 * (plan.ts) reads the last auto-orient value up front and emits orientationSteps first. The action
 * itself therefore plans nothing in place.
 */
export const autoOrient = defineAction({
  name: 'auto-orient',
  // Spec 4: any action but resize by w/h, crop and watermark takes the first frame; OSS's KB 311238
  // ("GIF files become static images", zh) names auto-orient (and quality) among the causes.
  keepsAnimation: () => false,
  plan: () => [],
})

/** Called by the planner when orientation is to be applied first. */
export function planAutoOrient(ctx: PlanContext, explicit: boolean): Step[] {
  const orientation = ctx.source.orientation
  if (orientation < 2 || orientation > 8) return []
  if (explicit) checkRotateSource(ctx.size.width, ctx.size.height, ctx.limits)
  return orientationSteps(ctx, orientation)
}
