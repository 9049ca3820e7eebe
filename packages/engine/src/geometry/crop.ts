import type { CropParams, IndexcropParams } from '@imgproc/grammar'
import { ImgError } from '@imgproc/types'
import { cellOrigin } from './gravity.js'
import type { Rect, Size } from './size.js'

// `crop` parameters as the grammar validated them (spec 2.2): w/h absent or 0 = to the edge.

export const OUT_OF_IMAGE = "Advance cut's position is out of image."

/**
 * Spec 2.2: origin = top-left corner of the gravity cell, plus x/y; the rectangle extends
 * right/down by w/h and is clipped at the edge. A start outside the image is a BadRequest.
 */
export function cropRect(input: Size, params: CropParams): Rect {
  const origin = cellOrigin(params.g ?? 'nw', input.width, input.height)
  const left = origin.x + (params.x ?? 0)
  const top = origin.y + (params.y ?? 0)
  if (left >= input.width || top >= input.height) throw new ImgError('BadRequest', OUT_OF_IMAGE)
  const width = Math.min(params.w || input.width, input.width - left)
  const height = Math.min(params.h || input.height, input.height - top)
  return { left, top, width, height }
}

/**
 * The slice to keep, or undefined when the index is past the last slice (OSS then returns the
 * source unchanged). `y` wins when both are given; the last slice is the remainder (UNCONFIRMED,
 * the natural reading); a slice size beyond the image makes one slice of the whole image.
 */
export function indexCropRect(input: Size, params: IndexcropParams): Rect | undefined {
  const index = params.i ?? 0
  if (params.y !== undefined) {
    const step = Math.min(params.y, input.height)
    const top = index * step
    if (top >= input.height) return undefined
    return { left: 0, top, width: input.width, height: Math.min(step, input.height - top) }
  }
  if (params.x === undefined) throw new ImgError('MissingArgument', 'Indexcrop needs x or y.')
  const step = Math.min(params.x, input.width)
  const left = index * step
  if (left >= input.width) return undefined
  return { left, top: 0, width: Math.min(step, input.width - left), height: input.height }
}

/** Spec 2.4: the radius is capped at (shorter side - 1) / 2 and the output is a (2r+1) square centred on the image. */
export function circleRect(input: Size, radius: number): Rect & { radius: number } {
  const r = Math.min(radius, Math.floor((Math.min(input.width, input.height) - 1) / 2))
  const side = 2 * r + 1
  return {
    radius: r,
    left: Math.floor(input.width / 2) - r,
    top: Math.floor(input.height / 2) - r,
    width: side,
    height: side,
  }
}

/** Spec 2.5: the corner radius is capped at half the shorter side. */
export function cappedCornerRadius(input: Size, radius: number): number {
  return Math.min(radius, Math.floor(Math.min(input.width, input.height) / 2))
}
