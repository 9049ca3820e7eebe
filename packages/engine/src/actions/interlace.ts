import { defineAction } from '../step.js'

/** interlace (spec 2.11): 1 = progressive JPEG. */
export const interlace = defineAction({
  name: 'interlace',
  keepsAnimation: () => true,
  plan({ params }, ctx) {
    ctx.output.interlace = params.value === 1
    return []
  },
})
