import type { Radius } from '@imgproc/grammar'
import { cappedCornerRadius, circleRect } from '../geometry/crop.js'
import type { Size } from '../geometry/size.js'
import { addStep, defineAction, need } from '../step.js'
import { extractSteps } from './crop.js'

/** circle (spec 2.4): centred (2r+1) square, r capped at (short side - 1) / 2, transparent outside. */
export const circle = defineAction({
  name: 'circle',
  keepsAnimation: () => false,
  plan({ params }, ctx) {
    const mask = need(ctx, 'circleMask', 'circle')
    const rect = circleRect(ctx.size, Math.max(params.r, 0))
    const steps = extractSteps(ctx, 'circle', rect)
    steps.push(addStep(ctx, 'circle', 'circle-mask', { radius: rect.radius }, ctx.size, (image) => mask(image)))
    ctx.alpha = true
    return steps
  },
})

/** A radius in pixels; OBS `r_<n>p` is a percent of the shorter side (UNCONFIRMED base, see README). */
function pixels(radius: Radius, size: Size): number {
  return radius.unit === 'percent' ? Math.round((Math.min(size.width, size.height) * radius.value) / 100) : radius.value
}

/** rounded-corners (spec 2.5; OBS adds percent and elliptic rx/ry): radius capped at half the shorter side. */
export const roundedCorners = defineAction({
  name: 'rounded-corners',
  keepsAnimation: () => false,
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
