import { defineAction } from '../step.js'

/**
 * average-hue (spec 2.16) ends the pipeline with JSON computed on the decoded image (../average-hue.ts);
 * of an animation, on its first frame (spec 2.16 is silent; one colour answers for the image).
 */
export const averageHue = defineAction({ name: 'average-hue', keepsAnimation: () => false, plan: () => [] })
