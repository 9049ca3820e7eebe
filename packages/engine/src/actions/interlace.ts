import { defineAction } from '../step.js'

/** interlace (spec 2.11): 1 = progressive JPEG. */
export const interlace = defineAction({
  name: 'interlace',
  // Spec 4: not among the actions that keep GIF animation (resize by w/h, crop, watermark), so
  // `interlace,0` and `interlace,1` both give the first frame, although they change no GIF pixel.
  keepsAnimation: () => false,
  plan({ params }, ctx) {
    ctx.output.interlace = params.value === 1
    return []
  },
})
