import { defineAction } from '../step.js'

/**
 * info (spec 2.15) ends the pipeline with JSON read from the header: no pixel steps; plan.ts
 * recognises it by name (it stands alone) and run.ts answers without decoding. Its `keepsAnimation`
 * is never asked: `FrameCount` counts every frame of the header.
 */
export const info = defineAction({ name: 'info', keepsAnimation: () => false, plan: () => [] })
