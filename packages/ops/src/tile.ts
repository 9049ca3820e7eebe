import type { RawImage } from '@imgproc/types'
import { ImgError } from '@imgproc/types'
import { composite } from './composite.js'

export interface TileOptions {
  /** position of one tile's top-left corner; the pattern repeats from there in every direction */
  left?: number
  top?: number
  /** gaps between tiles in pixels */
  padX?: number
  padY?: number
  /** 0-1, default 1 */
  opacity?: number
}

/**
 * Repeats `overlay` over the whole of `base` on a grid of step (overlay size + padding),
 * each tile composited with `composite` (clipped at the edges). Opacity 0 returns `base`.
 */
export function tile(base: RawImage, overlay: RawImage, options: TileOptions = {}): RawImage {
  const { left = 0, top = 0, padX = 0, padY = 0, opacity = 1 } = options
  if (![left, top, padX, padY].every(Number.isInteger) || padX < 0 || padY < 0) {
    throw new ImgError('InvalidArgument', `Expected integer position and padding >= 0 but received ${left},${top} pad ${padX},${padY}`)
  }
  if (opacity <= 0) return base
  const stepX = overlay.width + padX
  const stepY = overlay.height + padY
  // first tile at or left/above of the base's origin
  const x0 = left - Math.ceil(left / stepX) * stepX
  const y0 = top - Math.ceil(top / stepY) * stepY
  let out: RawImage = { width: base.width, height: base.height, data: base.data.slice() }
  for (let y = y0; y < base.height; y += stepY) {
    for (let x = x0; x < base.width; x += stepX) {
      out = composite(out, overlay, { left: x, top: y, opacity, inPlace: true })
    }
  }
  return out
}
