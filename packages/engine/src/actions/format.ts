import type { OutputFormat } from '@imgproc/grammar'
import type { ImageFormat } from '@imgproc/types'
import { holdsAnimation } from '../output-settings.js'
import { defineAction } from '../step.js'

// Keyed by the grammar's canonical names: `format,jpeg` arrives here as `jpg` (grammar alias).
const FORMATS: Record<OutputFormat, ImageFormat> = {
  jpg: 'jpeg', png: 'png', webp: 'webp', bmp: 'bmp', gif: 'gif', tiff: 'tiff', heic: 'heic', avif: 'avif',
}

/** format (spec 2.13): the output format; GIF stays GIF only for GIF sources (output-settings.ts). */
export const format = defineAction({
  name: 'format',
  // `format,gif` keeps an animated GIF animated (spec 4: styles on GIFs should end with it).
  // `format,webp`: the spec is silent (UNCONFIRMED); we write an animated WebP with every frame
  // and delay, as a user converting GIFs to WebP to save bytes expects. jpg, png, bmp, tiff, heic
  // and avif output hold one frame: the first.
  keepsAnimation: ({ params }) => holdsAnimation(FORMATS[params.value]),
  plan({ params }, ctx) {
    ctx.output.format = FORMATS[params.value]
    return []
  },
})
