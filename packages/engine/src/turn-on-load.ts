import type { ProbeResult } from '@imgproc/types'
import type { Step } from './step.js'

export type QuarterTurns = 1 | 2 | 3

/**
 * Turn-on-load: when the chain starts by turning the whole image a right angle clockwise (an
 * EXIF orientation 3, 6 or 8 made upright, or `rotate,90/180/270`), a JPEG decoder can place the
 * rows turned while they are still in cache, saving a pass over the full-size image and its
 * buffer (benchmarks/results/image-tasks.md). Returns the turns for the decoder, or undefined.
 * Only without shrink-on-load: a scaled decode's whole-block crop is made in the stored
 * orientation, and a thumbnail is cheap to turn anyway. Orientations with a mirror (2, 4, 5, 7)
 * keep their step.
 */
export function turnOnLoadHint(source: ProbeResult, steps: readonly Step[]): QuarterTurns | undefined {
  if (source.format !== 'jpeg' || source.frames > 1) return undefined
  return quarterTurnsOf(steps[0])
}

/** The clockwise quarter turns a step is, when it is nothing but that. */
export function quarterTurnsOf(step: Step | undefined): QuarterTurns | undefined {
  if (step?.op === 'orient') {
    return ({ 3: 2, 6: 1, 8: 3 } as Record<number, QuarterTurns | undefined>)[step.args.orientation as number]
  }
  if (step?.op === 'rotate' && step.args.background === undefined) {
    const degrees = step.args.degrees as number
    return degrees === 90 || degrees === 180 || degrees === 270 ? (degrees / 90) as QuarterTurns : undefined
  }
  return undefined
}
