import { defineAction } from '../step.js'

/** quality (spec 2.12): q_ relative, Q_ absolute, 1-100; Q wins when both are given. */
export const quality = defineAction({
  name: 'quality',
  keepsAnimation: () => true,
  plan({ params }, ctx) {
    if (params.q !== undefined) ctx.output.relativeQuality = params.q
    if (params.Q !== undefined) ctx.output.absoluteQuality = params.Q
    return []
  },
})
