import type { ActionSchema } from './types.js'

/** OSS §2.10: key-less [50,399], 100 recommended. */
export const sharpen: ActionSchema = {
  name: 'sharpen',
  doc: 'Sharpen (100 recommended).',
  positional: { key: 'value', kind: 'int', min: 50, max: 399, doc: 'strength' },
  params: [],
}
