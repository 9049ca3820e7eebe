import { resizeGeometry } from '../geometry/resize.js'
import { parseHexColor } from '../pixels.js'
import { addStep, defineAction, need, type Step } from '../step.js'

/**
 * resize (spec 2.1). Geometry is fixed here from sizes alone. `fill` crops in source
 * coordinates first and then resamples only the kept window (cheaper than resample-then-crop,
 * the same picture up to sub-pixel rounding); `pad` resamples then embeds on the colour canvas.
 * `P_` (watermark-only) has been turned into a w/h box by plan.ts before this runs.
 */
export const resize = defineAction({
  name: 'resize',
  // Spec 2.1 / 4: resized by w/h the animation stays, by p it becomes the first frame. By l/s the
  // spec is silent (UNCONFIRMED): we keep it, l/s being another way to name the w/h box.
  keepsAnimation: ({ params }) => params.p === undefined,
  plan({ params }, ctx) {
    const caps = { maxSide: ctx.limits.maxOutputSide, maxPixels: ctx.limits.maxOutputPixels }
    // GIF can only be shrunk (spec 2.1)
    const geometry = resizeGeometry(ctx.size, params, caps, ctx.source.format === 'gif')
    if (geometry.unchanged) return []
    const steps: Step[] = []
    const resample = need(ctx, 'resize', 'resize')
    if (geometry.crop) {
      const scaleX = geometry.scaled.width / ctx.size.width
      const scaleY = geometry.scaled.height / ctx.size.height
      const width = Math.min(ctx.size.width, Math.max(1, Math.round(geometry.crop.width / scaleX)))
      const height = Math.min(ctx.size.height, Math.max(1, Math.round(geometry.crop.height / scaleY)))
      const rect = {
        left: Math.min(Math.round(geometry.crop.left / scaleX), ctx.size.width - width),
        top: Math.min(Math.round(geometry.crop.top / scaleY), ctx.size.height - height),
        width,
        height,
      }
      if (width !== ctx.size.width || height !== ctx.size.height) {
        const extract = need(ctx, 'extract', 'resize')
        steps.push(addStep(ctx, 'resize', 'extract', { ...rect }, { width, height }, (image) => extract(image, rect)))
      }
      const size = geometry.output
      if (size.width !== ctx.size.width || size.height !== ctx.size.height) {
        steps.push(addStep(ctx, 'resize', 'resize', { ...size, mode: 'fill' }, size, (image) => resample(image, size)))
      }
      return steps
    }
    const scaled = geometry.scaled
    if (scaled.width !== ctx.size.width || scaled.height !== ctx.size.height) {
      steps.push(addStep(ctx, 'resize', 'resize', { ...scaled, mode: geometry.mode }, scaled, (image) => resample(image, scaled)))
    }
    if (geometry.pad && (geometry.pad.width !== scaled.width || geometry.pad.height !== scaled.height)) {
      const embed = need(ctx, 'embed', 'resize')
      const { left, top, width, height, color } = geometry.pad
      const background = parseHexColor(color)
      const canvas = { width, height }
      steps.push(addStep(ctx, 'resize', 'embed', { left, top, width, height, color }, canvas, (image) => embed(image, canvas, left, top, background)))
    }
    return steps
  },
})
