import type { ActionSchema } from './types.js'

/** OSS §2.6: key-less clockwise degrees. */
export const rotate: ActionSchema = {
  name: 'rotate',
  doc: 'Rotate clockwise by any angle (non-right angles enlarge the canvas).',
  nestable: true,
  positional: { key: 'value', kind: 'int', min: 0, max: 360, doc: 'degrees clockwise' },
  params: [],
}
