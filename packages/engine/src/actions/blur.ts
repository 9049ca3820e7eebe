import { addStep, defineAction, need } from '../step.js'

/** blur (spec 2.8): radius r and standard deviation s, both 1-50. */
export const blur = defineAction({
  name: 'blur',
  keepsAnimation: () => false, // spec 4: any action but resize by w/h, crop and watermark takes the first frame
  plan({ params: { r: radius, s: sigma } }, ctx) {
    const run = need(ctx, 'blur', 'blur')
    return [addStep(ctx, 'blur', 'blur', { radius, sigma }, ctx.size, (image) => run(image, radius, sigma))]
  },
})
