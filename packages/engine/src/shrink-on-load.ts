import type { DecodeOptions, ProbeResult } from '@imgproc/types'
import type { Step } from './step.js'

/** The decode hint of a plan: the least the decoder may return, in the stored orientation. */
export type ShrinkOnLoad = Required<Pick<DecodeOptions, 'minWidth' | 'minHeight'>>

/**
 * Shrink-on-load (JPEG DCT scaling by 1/2, 1/4, 1/8) is safe when the first step that looks at the
 * pixels resamples the whole image to a size fixed at plan time: that step then gives the same
 * size from any input at least as large as its output, and nothing before it (only the EXIF
 * orientation step, which works on any size) depends on the decoded size. Crops, `fill`'s window
 * and every other first step keep the full-size decode.
 *
 * The hint is the resize output itself, as sharp's default (`fastShrinkOnLoad: true`) does: libjpeg's
 * scaled IDCT is a proper reduction, and the resampler still does the rest of the shrink (at least
 * the part below a factor of 2). Measured in benchmarks/results/engine.md.
 */
export function shrinkOnLoadHint(source: ProbeResult, steps: readonly Step[]): ShrinkOnLoad | undefined {
  if (source.format !== 'jpeg' || source.frames > 1) return undefined
  let at = 0
  let transposed = false
  if (steps[0]?.op === 'orient') {
    const orientation = steps[0].args.orientation as number
    transposed = orientation >= 5 && orientation <= 8
    at = 1
  }
  const first = steps[at]
  if (!first || first.op !== 'resize') return undefined
  const { width, height } = first.output
  // Only a shrink on both sides gains anything; an enlargement needs every source pixel.
  if (width >= first.input.width || height >= first.input.height) return undefined
  return transposed ? { minWidth: height, minHeight: width } : { minWidth: width, minHeight: height }
}
