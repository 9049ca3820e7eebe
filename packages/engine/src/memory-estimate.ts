/**
 * How much memory running a plan may take at its peak, from the plan alone (no pixel decoded),
 * so a server can reserve it from a shared budget before it decodes (issue: legal-size bombs).
 *
 * The estimate is deliberately an upper bound of the shape of the run, not a measurement:
 *
 * - the source bytes, held while decoding;
 * - the decode: the codec's WebAssembly heap holds the RGBA pixels and the RawImage handed back is
 *   a copy of them, so twice the decoded size (after shrink-on-load, every kept frame);
 * - the steps: each step reads one image and writes the next, so the largest input + output pair
 *   (times the frames kept) is alive at once;
 * - the encode: the encoder's heap holds the RGBA input once more, and the output is at most the
 *   raw size.
 *
 * A watermark step adds what it holds besides its frame (`Step.extraBytes`): its object decoded
 * at full size, that object's own steps, the rendered mark.
 */
import type { Plan } from './plan.js'

const RGBA = 4

/** A DCT-scaled JPEG decode returns the smallest of 1/8, 1/4, 1/2, 1 that covers the hint. */
function decodedPixels(plan: Plan): number {
  const { width, height } = plan.source
  const hint = plan.shrinkOnLoad
  if (!hint) return width * height
  for (const scale of [8, 4, 2]) {
    if (Math.ceil(width / scale) >= hint.minWidth && Math.ceil(height / scale) >= hint.minHeight) {
      return Math.ceil(width / scale) * Math.ceil(height / scale)
    }
  }
  return width * height
}

export function estimatePeakBytes(plan: Plan): number {
  const frames = plan.animated ? Math.max(1, plan.source.frames) : 1
  const source = plan.source.byteLength
  if (plan.kind === 'original') return source * 2
  const decoded = decodedPixels(plan) * RGBA * frames
  let widestStep = 0
  let watermarks = 0
  for (const step of plan.steps) {
    widestStep = Math.max(widestStep, (step.input.width * step.input.height + step.output.width * step.output.height) * RGBA * frames)
    watermarks += step.extraBytes ?? 0 // each mark stays cached for the whole run
  }
  const output = plan.kind === 'image' ? plan.size.width * plan.size.height * RGBA * frames * 2 : 0
  return source + 2 * decoded + Math.max(decoded + widestStep, output) + watermarks
}
