import type { ActionOf } from '@imgproc/grammar'
import { addStep, defineAction, need } from '../step.js'

/** bright and contrast (spec 2.9) share one shape: -100..100; 0 changes nothing and costs nothing. */
export function toneAction<N extends 'bright' | 'contrast'>(name: N) {
  return defineAction<N>({
    name,
    keepsAnimation: () => false, // spec 4: any action but resize by w/h, crop and watermark takes the first frame
    plan(action, ctx) {
      const value = (action as ActionOf<'bright'>).params.value
      if (value === 0) return []
      const run = need(ctx, name, name)
      return [addStep(ctx, name, name, { value }, ctx.size, (image) => run(image, value))]
    },
  })
}
