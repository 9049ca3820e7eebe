import { MAX_SOURCE_SIDE } from './limits.js'
import type { ActionSchema } from './types.js'

/** OSS §2.3. If both x and y are given, y wins (engine); i beyond the slice count returns the source. */
export const indexcrop: ActionSchema = {
  name: 'indexcrop',
  doc: 'Cut the image into equal slices along one axis and keep slice i.',
  nestable: true,
  params: [
    { key: 'x', kind: 'int', min: 1, max: MAX_SOURCE_SIDE, doc: 'slice width (vertical cuts)' },
    { key: 'y', kind: 'int', min: 1, max: MAX_SOURCE_SIDE, doc: 'slice height (horizontal cuts)' },
    { key: 'i', kind: 'int', min: 0, max: MAX_SOURCE_SIDE, default: 0, doc: 'index of the slice to keep' },
  ],
  rules: { requireAny: ['x', 'y'] },
}
