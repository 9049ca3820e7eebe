import { takePixels, type RawImage } from '@imgproc/types'
import { pixelsOf } from './pixels.js'

/** Tile edge for the transposing loops (128 measured best of 8-256 on the 2725x2225 benchmark photo). */
const TILE = 128

/** Clockwise quarter turns. */
export type QuarterTurns = 0 | 1 | 2 | 3

/** Rotates clockwise by `turns` x 90 degrees; 0 returns `image` itself. */
export function rotateRightAngle(image: RawImage, turns: QuarterTurns): RawImage {
  if (turns === 1) return rotate90(image)
  if (turns === 2) return rotate180(image)
  if (turns === 3) return rotate270(image)
  return image
}

/** 90 degrees clockwise: source (x, y) lands at (h-1-y, x). */
export function rotate90(image: RawImage): RawImage {
  const h = image.height
  // output row x starts at x*h; source row y goes to column h-1-y (walking right to left)
  return transposeTiled(image, h - 1, h, -1)
}

/** 270 degrees clockwise (90 counter-clockwise): source (x, y) lands at (y, w-1-x). */
export function rotate270(image: RawImage): RawImage {
  const { width: w, height: h } = image
  return transposeTiled(image, (w - 1) * h, -h, 1)
}

/**
 * The shared transposing walk, moving 32-bit pixels in TILE x TILE blocks: source pixel (x, y)
 * goes to output index `base + x * rowStep + y * step` in an h-wide, w-tall output.
 */
function transposeTiled(image: RawImage, base: number, rowStep: number, step: number): RawImage {
  const { width: w, height: h } = image
  const src = pixelsOf(image.data)
  const data = takePixels(w * h * 4, false) // every pixel is written
  const dst = new Uint32Array(data.buffer, data.byteOffset, data.length >> 2)
  for (let ty = 0; ty < h; ty += TILE) {
    const yEnd = Math.min(ty + TILE, h)
    for (let tx = 0; tx < w; tx += TILE) {
      const xEnd = Math.min(tx + TILE, w)
      // reads run along source rows, writes stride down output columns: measured faster in V8
      // than the opposite walk (sequential reads keep the prefetcher busy; tiles keep the
      // written lines resident)
      for (let y = ty; y < yEnd; y++) {
        let s = y * w + tx
        let d = base + tx * rowStep + y * step
        for (let x = tx; x < xEnd; x++, s++, d += rowStep) dst[d] = src[s]!
      }
    }
  }
  return { width: h, height: w, data }
}

/** 180 degrees: the pixel sequence reversed. */
export function rotate180(image: RawImage): RawImage {
  const { width: w, height: h } = image
  const src = pixelsOf(image.data)
  const data = takePixels(w * h * 4, false) // every pixel is written
  const dst = new Uint32Array(data.buffer, data.byteOffset, data.length >> 2)
  const last = w * h - 1
  for (let i = 0; i <= last; i++) dst[last - i] = src[i]!
  return { width: w, height: h, data }
}

/** Alias of `rotateRightAngle` (the engine's name). */
export const rotateQuarter = rotateRightAngle
