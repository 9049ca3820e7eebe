import type { OutputFormat } from '@imgproc/grammar'
import type { ImageFormat } from '@imgproc/types'
import { defineAction } from '../step.js'

// Keyed by the grammar's canonical names: `format,jpeg` arrives here as `jpg` (grammar alias).
const FORMATS: Record<OutputFormat, ImageFormat> = {
  jpg: 'jpeg', png: 'png', webp: 'webp', bmp: 'bmp', gif: 'gif', tiff: 'tiff', heic: 'heic', avif: 'avif',
}

/** format (spec 2.13): the output format; GIF stays GIF only for GIF sources (output-settings.ts). */
export const format = defineAction({
  name: 'format',
  keepsAnimation: () => true,
  plan({ params }, ctx) {
    ctx.output.format = FORMATS[params.value]
    return []
  },
})
