import type { PixelOps } from '../pixels.js'
import { circleMask, composite, embed, extract, flatten, flip, rotateQuarter, roundCorners } from './layout.js'
import { blur, resize } from './resample.js'
import { bright, contrast, sharpen } from './tone.js'

/**
 * The engine's built-in pixel primitives (pure TypeScript, every runtime). Missing on purpose:
 * arbitrary-angle rotate and text rendering — those plan as NotImplemented until @imgproc/ops
 * provides them.
 */
export const builtinPixels: PixelOps = {
  extract, rotateQuarter, flip, embed, composite, flatten, circleMask, roundCorners, resize, blur, bright, contrast, sharpen,
}
