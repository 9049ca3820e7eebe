import type { Action } from '@imgproc/grammar'
import type { ImageFormat, ProbeResult } from '@imgproc/types'
import { holdsAnimation } from './output-settings.js'
import type { AnyActionPlanner } from './step.js'

/** Whether the plan keeps every frame, and if not (for a source with several frames) why not. */
export interface AnimationVerdict {
  animated: boolean
  /** set when the source has several frames but only the first is processed (explain() prints it) */
  firstFrameReason?: string
}

/**
 * Spec 4: an animated GIF stays animated after resize by w/h, crop and watermark; any other
 * action (or `resize,p_`) makes it a single frame. Each action answers for itself
 * (`keepsAnimation`, one file per action); the output must be able to hold frames (GIF, or WebP
 * by our choice for `format,webp`). Animated WebP sources are not covered by spec 4 and keep
 * giving their first frame.
 */
export function animationVerdict(
  source: ProbeResult,
  output: ImageFormat,
  actions: readonly Action[],
  plannerFor: (action: Action) => AnyActionPlanner,
): AnimationVerdict {
  if (source.frames <= 1) return { animated: false }
  if (source.format !== 'gif') return { animated: false, firstFrameReason: `animated ${source.format} sources give their first frame` }
  if (!holdsAnimation(output)) return { animated: false, firstFrameReason: `${output} output holds one frame` }
  const dropping = actions.find((action) => !plannerFor(action).keepsAnimation(action))
  if (dropping) return { animated: false, firstFrameReason: `${dropping.name} takes the first frame, spec 4` }
  return { animated: true }
}
