import type { PixelOps } from '../pixels.js'
import { circleMask, composite, embed, extract, flatten, flip, rotateQuarter, roundCorners } from './layout.js'
import { blur, resize } from './resample.js'
import { rotate } from './rotate.js'
import { bright, contrast, sharpen } from './tone.js'

/**
 * The engine's built-in pixel primitives (pure TypeScript, every runtime). Missing: text rendering
 * (needs a font rasteriser) — text watermarks plan as NotImplemented until a `renderText` is given.
 */
export const builtinPixels: PixelOps = {
  extract, rotateQuarter, rotate, flip, embed, composite, flatten, circleMask, roundCorners, resize, blur, bright, contrast, sharpen,
}
