import { defineAction } from '../step.js'

/**
 * info (spec 2.15) and average-hue (spec 2.16) end the pipeline with JSON. They plan no pixel
 * steps; plan.ts recognises them by name, checks that they come last, and run.ts answers.
 */
export const info = defineAction({ name: 'info', keepsAnimation: () => false, plan: () => [] })

export const averageHue = defineAction({ name: 'average-hue', keepsAnimation: () => false, plan: () => [] })
