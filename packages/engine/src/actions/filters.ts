import type { ActionOf } from '@imgproc/grammar'
import { addStep, defineAction, need } from '../step.js'

/** blur (spec 2.8): radius r and standard deviation s, both 1-50. */
export const blur = defineAction({
  name: 'blur',
  keepsAnimation: () => false,
  plan({ params: { r: radius, s: sigma } }, ctx) {
    const run = need(ctx, 'blur', 'blur')
    return [addStep(ctx, 'blur', 'blur', { radius, sigma }, ctx.size, (image) => run(image, radius, sigma))]
  },
})

/** bright and contrast (spec 2.9): -100..100; 0 changes nothing and costs nothing. */
function toneAction<N extends 'bright' | 'contrast'>(name: N) {
  return defineAction<N>({
    name,
    keepsAnimation: () => false,
    plan(action, ctx) {
      const value = (action as ActionOf<'bright'>).params.value
      if (value === 0) return []
      const run = need(ctx, name, name)
      return [addStep(ctx, name, name, { value }, ctx.size, (image) => run(image, value))]
    },
  })
}

export const bright = toneAction('bright')
export const contrast = toneAction('contrast')

/** sharpen (spec 2.10): 50-399, 100 recommended. */
export const sharpen = defineAction({
  name: 'sharpen',
  keepsAnimation: () => false,
  plan({ params: { value: amount } }, ctx) {
    const run = need(ctx, 'sharpen', 'sharpen')
    return [addStep(ctx, 'sharpen', 'sharpen', { amount }, ctx.size, (image) => run(image, amount))]
  },
})
