import type { ActionSchema } from './types.js'

/** OSS §2.4 ([1,4096]); OBS §9.2 allows r_0. Capped at half the shorter side by the engine. */
export const circle: ActionSchema = {
  name: 'circle',
  doc: 'Keep a centred circle of radius r.',
  params: [{ key: 'r', kind: 'int', min: 1, max: 4096, obs: { min: 0 }, doc: 'radius in pixels' }],
  rules: { requireAny: ['r'] },
}
