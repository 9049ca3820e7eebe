import type { WatermarkParams } from '@imgproc/grammar'
import { ImgError, type RawImage } from '@imgproc/types'
import { mixedLayout, placeMark, tilePositions, type PlacementParams } from '../geometry/watermark.js'
import { parseHexColor, TRANSPARENT, type PixelOps, type TextSpec } from '../pixels.js'
import { addStep, defineAction, need, type ActionPlanner, type NestedPlan, type PlanContext, type RunContext } from '../step.js'
import type { Size } from '../geometry/size.js'
import { noFontFor, type TextFonts } from '../text-fonts.js'

export { LATIN_FALLBACK, type FontSource } from '../text-fonts.js'

/** Common placement parameters with their defaults: g se (OSS) / tl (OBS), x = y = 10 (spec 2.14, 9.2). */
/**
 * What drawing the mark holds besides the frame: the watermark object decoded at full size (the
 * codec's heap and the copy handed back), its own steps' widest input + output, and the rendered
 * mark (at most the base's size, text or image).
 */
function markBytes(nested: NestedPlan | undefined, base: Size): number {
  const rgba = (size: Size) => size.width * size.height * 4
  let bytes = rgba(base)
  if (!nested) return bytes
  bytes += 2 * rgba(nested.object.probe)
  for (const step of nested.steps) bytes = Math.max(bytes, rgba(base) + 2 * rgba(nested.object.probe) + rgba(step.input) + rgba(step.output))
  return bytes
}

export function placementParams(params: WatermarkParams, ctx: Pick<PlanContext, 'dialect'>): PlacementParams {
  return {
    g: params.g ?? (ctx.dialect === 'obs' ? 'nw' : 'se'),
    x: params.x ?? 10,
    y: params.y ?? 10,
    voffset: params.voffset ?? 0,
    fill: params.fill === 1,
    padx: params.padx ?? 0,
    pady: params.pady ?? 0,
  }
}

async function textSpec(params: WatermarkParams, fonts: TextFonts): Promise<TextSpec | undefined> {
  if (params.text === undefined) return undefined
  const fontName = params.type ?? 'wqy-zenhei'
  // the chosen font, then fonts for the characters it lacks (text-fonts.ts)
  const [font, ...fallbacks] = await fonts(fontName, params.text)
  if (!font) throw noFontFor(fontName)
  return {
    text: params.text, fontName, font, fallbacks,
    color: parseHexColor(params.color ?? '000000'),
    size: params.size ?? 40,
    shadow: params.shadow ?? 0,
    rotate: params.rotate ?? 0,
  }
}

/** The mark as pixels: the nested-processed image, the rendered text, or both side by side. */
async function renderMark(pixels: PixelOps, run: RunContext, nested: NestedPlan | undefined, text: TextSpec | undefined, params: WatermarkParams): Promise<RawImage> {
  let image: RawImage | undefined
  if (nested) {
    image = await run.decodeObject!(nested.object)
    for (const step of nested.steps) image = await step.run(image, run)
  }
  const rendered = text ? await pixels.renderText!(text) : undefined
  if (image && rendered) {
    const layout = mixedLayout(image, rendered, params.order ?? 0, params.align ?? 0, params.interval ?? 0)
    const box = pixels.embed!(image, layout.box, layout.image.left, layout.image.top, TRANSPARENT)
    return pixels.composite!(box, rendered, layout.text.left, layout.text.top, 100)
  }
  return (image ?? rendered)!
}

/**
 * watermark (spec 2.14, OBS 9.2): image, text or both; placed by g/x/y/voffset, tiled by fill,
 * blended with opacity t. The image object is loaded and probed while planning (after every
 * parameter of the chain was validated by the grammar); its own process is planned as a nested plan.
 */
export function createWatermark(fonts: TextFonts): ActionPlanner<'watermark'> {
  return defineAction({
    name: 'watermark',
    keepsAnimation: () => true, // spec 4: watermark keeps GIF animation (the mark is drawn on every frame)
    async plan({ params }, ctx) {
      const placement = placementParams(params, ctx)
      const opacity = params.t ?? 100
      const composite = need(ctx, 'composite', 'watermark')
      if (params.text !== undefined) need(ctx, 'renderText', 'watermark')
      if (params.text !== undefined && params.image) need(ctx, 'embed', 'watermark')
      const text = await textSpec(params, fonts)
      let nested: NestedPlan | undefined
      if (params.image) {
        if (++ctx.imageWatermarks > ctx.limits.maxImageWatermarks) {
          throw new ImgError('WatermarkError', `At most ${ctx.limits.maxImageWatermarks} image watermarks are allowed.`)
        }
        const object = await ctx.loadObject(params.image.object, params.image.bucket)
        nested = await ctx.planNested(object, params.image.process, ctx.size)
      }
      const args = { ...placement, t: opacity, image: params.image?.object, text: params.text, order: params.order, align: params.align, interval: params.interval }
      // Rendered once, then reused for every frame of an animation.
      let mark: Promise<RawImage> | undefined
      const step = addStep(ctx, 'watermark', 'watermark', args, ctx.size, async (base, run) => {
          mark ??= renderMark(run.pixels, run, nested, text, params)
          const pixels = await mark
          const positions = placement.fill ? tilePositions(base, pixels, placement) : [placeMark(base, pixels, placement)]
          // one copy of the frame, then every tile is drawn into it in place (a frame object the
          // decoder shares between frames is never marked twice)
          let out: RawImage = { width: base.width, height: base.height, data: base.data.slice() }
          for (const { left, top } of positions) out = composite(out, pixels, left, top, opacity)
          return out
        })
      return [{ ...step, extraBytes: markBytes(nested, ctx.size) }]
    },
  })
}
