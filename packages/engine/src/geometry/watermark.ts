import { gravityCell, type Gravity } from './gravity.js'
import type { Size } from './size.js'

/** Placement parameters common to every watermark (spec 2.14). */
export interface PlacementParams {
  g: Gravity
  /** horizontal margin from the edge (ignored for the middle column) */
  x: number
  /** vertical margin from the edge (ignored for the middle row) */
  y: number
  /** vertical shift of the middle row; positive moves the mark UP (UNCONFIRMED sign, see README) */
  voffset: number
  fill: boolean
  padx: number
  pady: number
}

/** Top-left position of a mark on a base image: margins apply towards the anchored edges. */
export function placeMark(base: Size, mark: Size, p: PlacementParams): { left: number; top: number } {
  const [column, row] = gravityCell(p.g)
  const left =
    column === 0 ? p.x : column === 1 ? Math.floor((base.width - mark.width) / 2) : base.width - mark.width - p.x
  const top =
    row === 0 ? p.y : row === 1 ? Math.floor((base.height - mark.height) / 2) - p.voffset : base.height - mark.height - p.y
  return { left, top }
}

/**
 * Every position of a tiled (`fill_1`) mark: the grid passes through the anchored position and
 * repeats every mark size + padx/pady until the whole base is covered.
 */
export function tilePositions(base: Size, mark: Size, p: PlacementParams): { left: number; top: number }[] {
  const anchor = placeMark(base, mark, p)
  const stepX = mark.width + p.padx
  const stepY = mark.height + p.pady
  const firstLeft = anchor.left - Math.ceil((anchor.left + mark.width) / stepX) * stepX
  const firstTop = anchor.top - Math.ceil((anchor.top + mark.height) / stepY) * stepY
  const positions: { left: number; top: number }[] = []
  for (let top = firstTop; top < base.height; top += stepY) {
    if (top + mark.height <= 0) continue
    for (let left = firstLeft; left < base.width; left += stepX) {
      if (left + mark.width <= 0) continue
      positions.push({ left, top })
    }
  }
  return positions
}

/** Where the two parts of a text+image mark sit inside their shared box (spec 2.14 order/align/interval). */
export interface MixedLayout {
  box: Size
  image: { left: number; top: number }
  text: { left: number; top: number }
}

/**
 * order 0 = image left of the text, 1 = text first; align 0 top, 1 middle, 2 bottom (default 0:
 * the zh doc and OBS say 0, the 2021 EN doc says 2 — CONFLICT, see README); interval = gap in px.
 */
export function mixedLayout(image: Size, text: Size, order: 0 | 1, align: 0 | 1 | 2, interval: number): MixedLayout {
  const box = { width: image.width + interval + text.width, height: Math.max(image.height, text.height) }
  const vertical = (h: number) => (align === 0 ? 0 : align === 1 ? Math.floor((box.height - h) / 2) : box.height - h)
  const imageLeft = order === 0 ? 0 : text.width + interval
  const textLeft = order === 0 ? image.width + interval : 0
  return {
    box,
    image: { left: imageLeft, top: vertical(image.height) },
    text: { left: textLeft, top: vertical(text.height) },
  }
}
