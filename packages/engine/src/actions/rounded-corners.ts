import type { Radius } from '@imgproc/grammar'
import { cappedCornerRadius } from '../geometry/crop.js'
import type { Size } from '../geometry/size.js'
import { addStep, defineAction, need } from '../step.js'

/** A radius in pixels; OBS `r_<n>p` is a percent of the shorter side (UNCONFIRMED base, see README). */
function pixels(radius: Radius, size: Size): number {
  return radius.unit === 'percent' ? Math.round((Math.min(size.width, size.height) * radius.value) / 100) : radius.value
}

/** rounded-corners (spec 2.5; OBS adds percent and elliptic rx/ry): radius capped at half the shorter side. */
export const roundedCorners = defineAction({
  name: 'rounded-corners',
  keepsAnimation: () => false, // spec 4: any action but resize by w/h, crop and watermark takes the first frame
  plan({ params }, ctx) {
    const round = need(ctx, 'roundCorners', 'rounded-corners')
    const rxRaw = params.r ?? params.rx!
    const ryRaw = params.r ?? params.ry ?? rxRaw
    const rx = cappedCornerRadius(ctx.size, pixels(rxRaw, ctx.size))
    const ry = cappedCornerRadius(ctx.size, pixels(ryRaw, ctx.size))
    if (rx === 0 && ry === 0) return []
    ctx.alpha = true
    return [addStep(ctx, 'rounded-corners', 'round-corners', { rx, ry }, ctx.size, (image) => round(image, rx, ry))]
  },
})
