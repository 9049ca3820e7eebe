import { defineAction } from '../step.js'

/** quality (spec 2.12): q_ relative, Q_ absolute, 1-100; Q wins when both are given. */
export const quality = defineAction({
  name: 'quality',
  // Spec 4: not among the actions that keep GIF animation; it has no effect on GIF output anyway
  // (spec 2.12: JPG and WebP only). OSS's KB 311238 names quality as a cause of static GIFs.
  keepsAnimation: () => false,
  plan({ params }, ctx) {
    if (params.q !== undefined) ctx.output.relativeQuality = params.q
    if (params.Q !== undefined) ctx.output.absoluteQuality = params.Q
    return []
  },
})
