import type { ActionSchema } from './types.js'

/** OSS §2.11: key-less 0|1; 1 = progressive JPEG. */
export const interlace: ActionSchema = {
  name: 'interlace',
  doc: 'Progressive JPEG output (1) or baseline (0).',
  positional: { key: 'value', kind: 'int', min: 0, max: 1, doc: '1 = progressive' },
  params: [],
}
