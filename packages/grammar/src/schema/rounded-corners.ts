import type { ActionSchema } from './types.js'

/** OSS §2.5 (r in px); OBS §9.2 adds `r_<n>p` percent (1–50) and elliptic rx+ry. */
export const roundedCorners: ActionSchema = {
  name: 'rounded-corners',
  doc: 'Round the four corners.',
  nestable: true,
  params: [
    { key: 'r', kind: 'radius', min: 1, max: 4096, maxPercent: 50, doc: 'corner radius (px; OBS also `<n>p`)' },
    { key: 'rx', kind: 'radius', min: 1, max: 4096, maxPercent: 50, dialects: ['obs'], doc: 'horizontal radius' },
    { key: 'ry', kind: 'radius', min: 1, max: 4096, maxPercent: 50, dialects: ['obs'], doc: 'vertical radius' },
  ],
  rules: { requireAny: ['r', 'rx'], together: [['rx', 'ry']], exclusive: [['r', ['rx', 'ry']]] },
}
