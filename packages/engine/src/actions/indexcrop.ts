import { indexCropRect } from '../geometry/crop.js'
import { defineAction } from '../step.js'
import { extractSteps } from './crop.js'

/** indexcrop (spec 2.3): one slice along x or y; an index past the end returns the image unchanged. */
export const indexcrop = defineAction({
  name: 'indexcrop',
  // Spec 4 names crop, not indexcrop (a separate action, spec 2.3): "any other action" takes the first frame.
  keepsAnimation: () => false,
  plan({ params }, ctx) {
    const rect = indexCropRect(ctx.size, params)
    return rect ? extractSteps(ctx, 'indexcrop', rect) : []
  },
})
