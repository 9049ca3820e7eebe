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

/**
 * The whole-block part of a DCT-scaled decode, as libvips keeps it. libjpeg rounds a scaled side
 * up (ceil(side / denom)): the last column or row then stands for fewer source pixels than the
 * others, and spreading the resize over it shifts the picture by up to half a decoded pixel at the
 * far edge. libvips' jpegload (so sharp) crops to floor(side / denom); doing the same takes the
 * 2725x2225 -> 720 thumbnail from 34.4 dB to 50.7 dB against sharp (benchmarks/results/resample-simd.md).
 * Undefined when the decode was not scaled, nothing is partial, or the crop would fall under the
 * hint (the resize must stay a shrink).
 */
export function wholeBlockRegion(
  stored: { width: number; height: number },
  decoded: { width: number; height: number },
  hint: ShrinkOnLoad,
): { left: number; top: number; width: number; height: number } | undefined {
  if (decoded.width === stored.width && decoded.height === stored.height) return undefined
  for (const denom of [2, 4, 8]) {
    if (Math.ceil(stored.width / denom) !== decoded.width || Math.ceil(stored.height / denom) !== decoded.height) continue
    const width = Math.floor(stored.width / denom)
    const height = Math.floor(stored.height / denom)
    if ((width === decoded.width && height === decoded.height) || width < hint.minWidth || height < hint.minHeight) return undefined
    return { left: 0, top: 0, width, height }
  }
  return undefined
}
