import type { AnyActionPlanner } from '../step.js'
import { autoOrient } from './auto-orient.js'
import { circle, roundedCorners } from './circle.js'
import { crop, indexcrop } from './crop.js'
import { blur, bright, contrast, sharpen } from './filters.js'
import { averageHue, info } from './inspect.js'
import { format, interlace, quality } from './output.js'
import { resize } from './resize.js'
import { rotate } from './rotate.js'
import { createWatermark, type FontSource } from './watermark.js'

/** The one registry of actions: a literal list, one line per OSS action name. */
export function actionRegistry(fonts: FontSource | undefined): ReadonlyMap<string, AnyActionPlanner> {
  const list = [
    resize,
    crop,
    indexcrop,
    circle,
    roundedCorners,
    rotate,
    autoOrient,
    blur,
    bright,
    contrast,
    sharpen,
    interlace,
    quality,
    format,
    createWatermark(fonts),
    info,
    averageHue,
  ] as unknown as AnyActionPlanner[]
  return new Map(list.map((action) => [action.name, action]))
}

export type { FontSource }
