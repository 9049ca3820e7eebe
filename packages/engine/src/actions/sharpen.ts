import { addStep, defineAction, need } from '../step.js'

/** sharpen (spec 2.10): 50-399, 100 recommended. */
export const sharpen = defineAction({
  name: 'sharpen',
  keepsAnimation: () => false, // spec 4: any action but resize by w/h, crop and watermark takes the first frame
  plan({ params: { value: amount } }, ctx) {
    const run = need(ctx, 'sharpen', 'sharpen')
    return [addStep(ctx, 'sharpen', 'sharpen', { amount }, ctx.size, (image) => run(image, amount))]
  },
})
