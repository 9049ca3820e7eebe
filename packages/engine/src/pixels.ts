import type { RawImage } from '@imgproc/types'
import type { Rect, Size } from './geometry/size.js'

/** RGBA colour, 0-255 per channel. */
export interface Rgba {
  r: number
  g: number
  b: number
  a: number
}

/** Text to rasterise for a text watermark (spec 2.14). */
export interface TextSpec {
  text: string
  /** font bytes resolved from the `type` name through the engine's `fonts` option */
  font: Uint8Array
  /** fonts tried for characters `font` lacks (the `latin-sans` font when the source has one) */
  fallbacks?: Uint8Array[]
  fontName: string
  size: number
  color: Rgba
  /** shadow opacity 0-100 */
  shadow: number
  /** clockwise rotation in degrees */
  rotate: number
}

/**
 * The pixel primitives the engine's steps call. Built from @imgproc/ops by `createPixelOps`; a
 * member left undefined means ops does not offer it yet, and the planner refuses the action with
 * NotImplemented before anything is decoded (never a wrong image).
 */
export interface PixelOps {
  extract?(image: RawImage, rect: Rect): RawImage
  /** high-quality downscale/upscale to exactly `size` (box pre-shrink + final kernel inside ops) */
  resize?(image: RawImage, size: Size): RawImage
  /** clockwise quarter turns, 1-3 */
  rotateQuarter?(image: RawImage, turns: 1 | 2 | 3): RawImage
  flip?(image: RawImage, axis: 'horizontal' | 'vertical'): RawImage
  /** any clockwise angle; the canvas grows to hold the result, new area filled with `background` */
  rotate?(image: RawImage, degrees: number, background: Rgba): RawImage
  /** places the image on a canvas of `canvas` size at (left, top) over `background` */
  embed?(image: RawImage, canvas: Size, left: number, top: number, background: Rgba): RawImage
  blur?(image: RawImage, radius: number, sigma: number): RawImage
  sharpen?(image: RawImage, amount: number): RawImage
  bright?(image: RawImage, value: number): RawImage
  contrast?(image: RawImage, value: number): RawImage
  /** transparent outside the inscribed circle of a square image */
  circleMask?(image: RawImage): RawImage
  roundCorners?(image: RawImage, rx: number, ry: number): RawImage
  /** draws `overlay` over `base` at (left, top) with opacity 0-100, clipped; may reuse `base` */
  composite?(base: RawImage, overlay: RawImage, left: number, top: number, opacity: number): RawImage
  /** alpha composited over an opaque colour */
  flatten?(image: RawImage, background: Rgba): RawImage
  /** the text as an RGBA image; may resolve later (the default one loads its font renderer on first use) */
  renderText?(spec: TextSpec): RawImage | Promise<RawImage>
  /** true when any pixel has alpha below 255 */
  hasTransparency?(image: RawImage): boolean
}

export function parseHexColor(hex: string, alpha = 255): Rgba {
  const value = Number.parseInt(hex, 16)
  return { r: (value >> 16) & 255, g: (value >> 8) & 255, b: value & 255, a: alpha }
}

export const WHITE: Rgba = { r: 255, g: 255, b: 255, a: 255 }
export const TRANSPARENT: Rgba = { r: 0, g: 0, b: 0, a: 0 }
