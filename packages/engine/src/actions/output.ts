import type { OutputFormat } from '@imgproc/grammar'
import type { ImageFormat } from '@imgproc/types'
import { defineAction } from '../step.js'

/** Output-only actions: they change no pixels; they fill ctx.output, resolved once at encode. */

/** interlace (spec 2.11): 1 = progressive JPEG. */
export const interlace = defineAction({
  name: 'interlace',
  keepsAnimation: () => true,
  plan({ params }, ctx) {
    ctx.output.interlace = params.value === 1
    return []
  },
})

/** quality (spec 2.12): q_ relative, Q_ absolute, 1-100; Q wins when both are given. */
export const quality = defineAction({
  name: 'quality',
  keepsAnimation: () => true,
  plan({ params }, ctx) {
    if (params.q !== undefined) ctx.output.relativeQuality = params.q
    if (params.Q !== undefined) ctx.output.absoluteQuality = params.Q
    return []
  },
})

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
