import type { ResizeMode, ResizeParams as GrammarResizeParams } from '@imgproc/grammar'
import { ImgError } from '@imgproc/types'
import { roundHalfUp, type Rect, type Size } from './size.js'

/** `resize` parameters as the grammar validated them (spec 2.1); `P_` is turned into w/h by plan.ts first. */
export type ResizeParams = Omit<GrammarResizeParams, 'P'>

export interface OutputCaps {
  /** max width or height of a resize result (OSS 16384) */
  maxSide: number
  /** max width*height of a resize result (OSS 16777216) */
  maxPixels: number
}

/** What the resize does, computed from sizes alone (no pixels). */
export interface ResizeGeometry {
  mode: ResizeMode
  /** the size the pixels are resampled to (equal to the input when `unchanged`) */
  scaled: Size
  /** fill: the centred window cut out of the scaled image */
  crop?: Rect
  /** pad: canvas size, where the scaled image sits, and the RGB fill colour */
  pad?: Rect & { color: string }
  output: Size
  /** limit_1 stopped an enlargement: the image keeps its resolution (it is still re-encoded) */
  unchanged: boolean
  /** resized by `p_` (animated GIFs lose their animation then, spec 2.1) */
  byPercent: boolean
}

/**
 * OSS resize geometry. Choices where the spec is silent (README "Choices"):
 * - w/h win over l/s (spec: with m they do; without m we do the same), and any of w/h/l/s wins over p.
 * - l/s become a box: the physically longer source side gets l, the other gets s.
 * - fill/pad/fixed with one side use a square box (spec 2.1 CONFLICT, flagged there).
 * - limit_1: when the proportional scale (or any fixed side, or p) would enlarge, the input size is kept.
 */
export function resizeGeometry(input: Size, params: ResizeParams, caps: OutputCaps, forceLimit = false): ResizeGeometry {
  const mode = params.m ?? 'lfit'
  const limit = forceLimit ? 1 : (params.limit ?? 1)
  const { width: W, height: H } = input
  let boxW = params.w
  let boxH = params.h
  if (boxW === undefined && boxH === undefined) {
    const landscape = W >= H
    boxW = landscape ? params.l : params.s
    boxH = landscape ? params.s : params.l
  }
  const unchanged = (): ResizeGeometry => ({ mode, scaled: input, output: input, unchanged: true, byPercent: boxW === undefined && boxH === undefined })

  if (boxW === undefined && boxH === undefined) {
    if (params.p === undefined) throw new ImgError('MissingArgument', 'Resize needs one of w, h, l, s or p.')
    const factor = params.p / 100
    if (factor > 1 && limit === 1) return unchanged()
    const scaled = { width: roundHalfUp(W * factor), height: roundHalfUp(H * factor) }
    checkCaps(scaled, caps)
    return { mode, scaled, output: scaled, unchanged: false, byPercent: true }
  }

  if ((mode === 'fill' || mode === 'pad' || mode === 'fixed') && (boxW === undefined || boxH === undefined)) {
    boxW = boxH = (boxW ?? boxH)!
  }

  if (mode === 'fixed') {
    const scaled = { width: boxW!, height: boxH! }
    if (limit === 1 && (scaled.width > W || scaled.height > H)) return unchanged()
    checkCaps(scaled, caps)
    return { mode, scaled, output: scaled, unchanged: false, byPercent: false }
  }

  const fitInside = mode === 'lfit' || mode === 'pad'
  const scaleW = boxW === undefined ? undefined : boxW / W
  const scaleH = boxH === undefined ? undefined : boxH / H
  const scale =
    scaleW === undefined ? scaleH! : scaleH === undefined ? scaleW : fitInside ? Math.min(scaleW, scaleH) : Math.max(scaleW, scaleH)
  if (limit === 1 && scale > 1) return unchanged()
  // The side that set the scale takes the asked value exactly; the other is rounded half-up.
  const scaled =
    scale === scaleW
      ? { width: boxW!, height: roundHalfUp(H * scale) }
      : { width: roundHalfUp(W * scale), height: boxH! }

  if (mode === 'fill') {
    const output = { width: Math.min(boxW!, scaled.width), height: Math.min(boxH!, scaled.height) }
    checkCaps(scaled, caps)
    const crop = {
      left: Math.floor((scaled.width - output.width) / 2),
      top: Math.floor((scaled.height - output.height) / 2),
      ...output,
    }
    return { mode, scaled, crop, output, unchanged: false, byPercent: false }
  }
  if (mode === 'pad') {
    const output = { width: boxW!, height: boxH! }
    checkCaps(output, caps)
    const pad = {
      left: Math.floor((output.width - scaled.width) / 2),
      top: Math.floor((output.height - scaled.height) / 2),
      ...output,
      color: params.color ?? 'FFFFFF',
    }
    return { mode, scaled, pad, output, unchanged: false, byPercent: false }
  }
  checkCaps(scaled, caps)
  return { mode, scaled, output: scaled, unchanged: false, byPercent: false }
}

/** Spec 2.1 output cap (EC 0040-00000007), e.g. m_fixed,w_5000,h_5000. */
export function checkCaps(size: Size, caps: OutputCaps): void {
  if (size.width > caps.maxSide || size.height > caps.maxSide || size.width * size.height > caps.maxPixels) {
    throw new ImgError(
      'ImageTooLarge',
      `The resize output ${size.width}x${size.height} exceeds the limit of ${caps.maxSide} pixels per side and ${caps.maxPixels} pixels in all.`,
    )
  }
}
