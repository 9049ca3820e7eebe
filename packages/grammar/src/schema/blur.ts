import type { ActionSchema } from './types.js'

/** OSS §2.8. Both parameters are required (every documented example gives both). */
export const blur: ActionSchema = {
  name: 'blur',
  doc: 'Gaussian blur.',
  params: [
    { key: 'r', kind: 'int', min: 1, max: 50, doc: 'radius' },
    { key: 's', kind: 'int', min: 1, max: 50, doc: 'standard deviation' },
  ],
  rules: { requireAny: ['r'], together: [['r', 's']] },
}
