import { indexCropRect } from '../geometry/crop.js'
import { defineAction } from '../step.js'
import { extractSteps } from './crop.js'

/** indexcrop (spec 2.3): one slice along x or y; an index past the end returns the image unchanged. */
export const indexcrop = defineAction({
  name: 'indexcrop',
  keepsAnimation: () => false,
  plan({ params }, ctx) {
    const rect = indexCropRect(ctx.size, params)
    return rect ? extractSteps(ctx, 'indexcrop', rect) : []
  },
})
