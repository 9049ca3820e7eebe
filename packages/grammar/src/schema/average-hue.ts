import type { ActionSchema } from './types.js'

/** OSS §2.16: main tone as JSON; treated like info (the only action) — a documented choice. */
export const averageHue: ActionSchema = {
  name: 'average-hue',
  doc: 'Main colour tone as JSON (must be the only action).',
  params: [],
  solo: true,
}
