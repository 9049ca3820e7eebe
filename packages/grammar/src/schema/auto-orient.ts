import type { ActionSchema } from './types.js'

/** OSS §2.7: key-less 0|1. */
export const autoOrient: ActionSchema = {
  name: 'auto-orient',
  doc: 'Apply (1) or ignore (0) the EXIF orientation; applied before resizing.',
  positional: { key: 'value', kind: 'int', min: 0, max: 1, doc: '1 = apply EXIF orientation' },
  params: [],
}
