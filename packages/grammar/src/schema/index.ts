/**
 * The one registry of actions: a literal list, in the order of spec section 2.
 */
import type { ActionName } from '../ast.js'
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
import type { ActionSchema } from './types.js'
import { watermark } from './watermark.js'

export const ACTIONS: readonly ActionSchema[] = [
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
  watermark,
  info,
  averageHue,
]

const BY_NAME = new Map<string, ActionSchema>(ACTIONS.map((a) => [a.name, a]))

/** The schema of an action by its exact (lower-case) name, or undefined. */
export function actionSchema(name: string): ActionSchema | undefined {
  return BY_NAME.get(name)
}

export function getActionSchema(name: ActionName): ActionSchema {
  return BY_NAME.get(name)!
}

export { FONTS } from './watermark.js'
export { MAX_SOURCE_SIDE } from './limits.js'
export { resolveParam } from './types.js'
export type { ActionRules, ActionSchema, ParamKind, ParamOverride, ParamSchema } from './types.js'
