import type { ActionSchema } from './types.js'

/** OSS §2.9: key-less [-100,100], 0 = unchanged. */
export const contrast: ActionSchema = {
  name: 'contrast',
  doc: 'Contrast adjustment.',
  positional: { key: 'value', kind: 'int', min: -100, max: 100, doc: '-100 … 100, 0 = unchanged' },
  params: [],
}
