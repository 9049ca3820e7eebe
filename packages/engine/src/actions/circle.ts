import { circleRect } from '../geometry/crop.js'
import { addStep, defineAction, need } from '../step.js'
import { extractSteps } from './crop.js'

/** circle (spec 2.4): centred (2r+1) square, r capped at (short side - 1) / 2, transparent outside. */
export const circle = defineAction({
  name: 'circle',
  keepsAnimation: () => false, // spec 4: any action but resize by w/h, crop and watermark takes the first frame
  plan({ params }, ctx) {
    const mask = need(ctx, 'circleMask', 'circle')
    const rect = circleRect(ctx.size, Math.max(params.r, 0))
    const steps = extractSteps(ctx, 'circle', rect)
    steps.push(addStep(ctx, 'circle', 'circle-mask', { radius: rect.radius }, ctx.size, (image) => mask(image)))
    ctx.alpha = true
    return steps
  },
})
