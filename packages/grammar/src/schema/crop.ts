import { MAX_SOURCE_SIDE } from './limits.js'
import type { ActionSchema } from './types.js'

/** OSS §2.2, OBS §9.2. Sizes are bounded by the image at plan time; here by the largest source side. */
export const crop: ActionSchema = {
  name: 'crop',
  doc: 'Cut a rectangle, origin at the top-left corner of a 3×3 grid cell.',
  nestable: true,
  params: [
    { key: 'w', kind: 'int', min: 0, max: MAX_SOURCE_SIDE, doc: 'width (0 or absent = to the edge)' },
    { key: 'h', kind: 'int', min: 0, max: MAX_SOURCE_SIDE, doc: 'height (0 or absent = to the edge)' },
    { key: 'x', kind: 'int', min: 0, max: MAX_SOURCE_SIDE, default: 0, doc: 'horizontal offset from the origin' },
    { key: 'y', kind: 'int', min: 0, max: MAX_SOURCE_SIDE, default: 0, doc: 'vertical offset from the origin' },
    { key: 'g', kind: 'gravity', default: 'nw', doc: 'origin cell' },
  ],
}
