import { cropRect } from '../geometry/crop.js'
import type { Rect } from '../geometry/size.js'
import { addStep, defineAction, need, type PlanContext, type Step } from '../step.js'

/** An extract step, or none when the rectangle is the whole image (no pixel copy for a no-op). */
export function extractSteps(ctx: PlanContext, action: string, rect: Rect): Step[] {
  if (rect.left === 0 && rect.top === 0 && rect.width === ctx.size.width && rect.height === ctx.size.height) return []
  const extract = need(ctx, 'extract', action)
  return [addStep(ctx, action, 'extract', { ...rect }, { width: rect.width, height: rect.height }, (image) => extract(image, rect))]
}

/** crop (spec 2.2): gravity cell origin + x/y, clipped; a start outside the image is a BadRequest. */
export const crop = defineAction({
  name: 'crop',
  keepsAnimation: () => true, // spec 4: crop keeps GIF animation
  plan: ({ params }, ctx) => extractSteps(ctx, 'crop', cropRect(ctx.size, params)),
})
