import type { ActionSchema } from './types.js'

/** OSS §2.13; OBS §9.2 outputs only jpg, png, bmp, webp. */
export const format: ActionSchema = {
  name: 'format',
  doc: 'Output format.',
  positional: {
    key: 'value',
    kind: 'enum',
    values: ['jpg', 'png', 'webp', 'bmp', 'gif', 'tiff', 'heic', 'avif'],
    obs: { values: ['jpg', 'png', 'bmp', 'webp'] },
    doc: 'output format',
  },
  params: [],
}
