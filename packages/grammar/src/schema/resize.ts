import type { ActionSchema } from './types.js'

/** OSS §2.1, OBS §9.2. Sides [1,16384] in OSS; OBS w/h [1,9999] and l/s [1,4096]. */
export const resize: ActionSchema = {
  name: 'resize',
  doc: 'Scale the image (lfit/mfit/fill/pad/fixed, by sides or percent).',
  nestable: true,
  params: [
    { key: 'm', kind: 'enum', values: ['lfit', 'mfit', 'fill', 'pad', 'fixed'], default: 'lfit', doc: 'mode' },
    { key: 'w', kind: 'int', min: 1, max: 16384, obs: { max: 9999 }, doc: 'target width' },
    { key: 'h', kind: 'int', min: 1, max: 16384, obs: { max: 9999 }, doc: 'target height' },
    { key: 'l', kind: 'int', min: 1, max: 16384, obs: { max: 4096 }, doc: 'target of the long side' },
    { key: 's', kind: 'int', min: 1, max: 16384, obs: { max: 4096 }, doc: 'target of the short side' },
    { key: 'limit', kind: 'int', min: 0, max: 1, default: 1, doc: '1 = never enlarge, 0 = allow enlarging' },
    { key: 'color', kind: 'color', default: 'FFFFFF', doc: 'pad fill colour (RRGGBB)' },
    { key: 'p', kind: 'int', min: 1, max: 1000, doc: 'percent scale, used alone' },
    { key: 'P', kind: 'int', min: 1, max: 100, nestedOnly: true, doc: 'percent of the base image' },
  ],
  rules: {
    requireAny: ['w', 'h', 'l', 's', 'p', 'P'],
    exclusive: [
      ['p', ['w', 'h', 'l', 's', 'P']],
      ['P', ['w', 'h', 'l', 's']],
    ],
  },
}
