import type { AnyActionPlanner } from '../step.js'
import { autoOrient } from './auto-orient.js'
import { averageHue } from './average-hue.js'
import { blur } from './blur.js'
import { bright } from './bright.js'
import { circle } from './circle.js'
import { contrast } from './contrast.js'
import { crop } from './crop.js'
import { format } from './format.js'
import { indexcrop } from './indexcrop.js'
import { info } from './info.js'
import { interlace } from './interlace.js'
import { quality } from './quality.js'
import { resize } from './resize.js'
import { rotate } from './rotate.js'
import { roundedCorners } from './rounded-corners.js'
import { sharpen } from './sharpen.js'
import { NO_TEXT_FONTS, type TextFonts } from '../text-fonts.js'
import { createWatermark, type FontSource } from './watermark.js'

/** The one registry of actions: a literal list, one line per OSS action name. */
export function actionRegistry(fonts: TextFonts = NO_TEXT_FONTS): ReadonlyMap<string, AnyActionPlanner> {
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
