import type { ActionSchema } from './types.js'

/** OSS §2.15: JSON description of the image; cannot be combined with other actions. */
export const info: ActionSchema = {
  name: 'info',
  doc: 'Image information as JSON (must be the only action).',
  params: [],
  solo: true,
}
