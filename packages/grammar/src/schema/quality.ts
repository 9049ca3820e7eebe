import type { ActionSchema } from './types.js'

/** OSS §2.12: q relative, Q absolute; both may be given (Q wins, engine). */
export const quality: ActionSchema = {
  name: 'quality',
  doc: 'Output quality for JPEG/WebP.',
  params: [
    { key: 'q', kind: 'int', min: 1, max: 100, doc: 'relative quality (percent of the source quality)' },
    { key: 'Q', kind: 'int', min: 1, max: 100, doc: 'absolute quality (never above the source)' },
  ],
  rules: { requireAny: ['q', 'Q'] },
}
