import type { ActionSchema } from './types.js'

/**
 * OSS §2.13; OBS §9.2 outputs only jpg, png, bmp, webp. Both document only `jpg`; `jpeg` is our
 * extension (people migrating URLs write it, and OBS lists `jpeg` among its source formats),
 * read as `jpg` in both dialects.
 */
export const format: ActionSchema = {
  name: 'format',
  doc: 'Output format.',
  positional: {
    key: 'value',
    kind: 'enum',
    values: ['jpg', 'png', 'webp', 'bmp', 'gif', 'tiff', 'heic', 'avif'],
    aliases: { jpeg: 'jpg' },
    obs: { values: ['jpg', 'png', 'bmp', 'webp'] },
    doc: 'output format',
  },
  params: [],
}
