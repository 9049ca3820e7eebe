import type { Plan } from './plan.js'

/** A human-readable account of a plan: what is decoded, each step with its sizes, and the encoder settings. */
export function explain(plan: Plan): string {
  const { source } = plan
  const lines = [
    `process: ${plan.process}${plan.style ? ` (style ${plan.style})` : ''} [${plan.dialect}]`,
    `source: ${source.format} ${source.width}x${source.height}, ${source.byteLength} bytes` +
      `${source.frames > 1 ? `, ${source.frames} frames` : ''}${source.orientation > 1 ? `, EXIF orientation ${source.orientation}` : ''}` +
      `${source.quality ? `, estimated quality ${source.quality}` : ''}`,
  ]
  if (plan.kind === 'info') lines.push('answer: info JSON from the header (no decode)')
  else if (plan.kind === 'original') lines.push('answer: the original bytes (OBS empty chain)')
  else {
    const shrink = plan.shrinkOnLoad ? `, shrink-on-load to at least ${plan.shrinkOnLoad.minWidth}x${plan.shrinkOnLoad.minHeight}`
      : plan.turnOnLoad ? `, turn-on-load: step 1 (${plan.turnOnLoad * 90} degrees) done while decoding where the codec can` : ''
    const why = plan.firstFrameReason ? ` of ${source.frames} (${plan.firstFrameReason})` : ''
    lines.push(`decode: ${plan.animated ? 'every frame (animation kept)' : `first frame${why}`}${shrink}${plan.autoOrient ? ', EXIF orientation applied first' : ''}`)
    if (plan.steps.length === 0) lines.push('steps: none (pixels unchanged)')
    plan.steps.forEach((step, i) => {
      const args = Object.entries(step.args).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${String(v)}`).join(' ')
      lines.push(`${i + 1}. ${step.action}: ${step.op} ${args} (${step.input.width}x${step.input.height} -> ${step.output.width}x${step.output.height})`)
    })
    if (plan.kind === 'average-hue') lines.push('answer: average-hue JSON')
    else if (plan.output) {
      const o = plan.output
      const frames = plan.animated ? `, ${source.frames} frames` : ''
      lines.push(`encode: ${o.format} ${plan.size.width}x${plan.size.height}${o.quality ? ` quality ${o.quality}` : ''}${o.progressive ? ' progressive' : ''}${frames}`)
    }
  }
  if (plan.saveAs) lines.push(`save as: ${plan.saveAs.bucket ? `${plan.saveAs.bucket}/` : ''}${plan.saveAs.object} (stored by the caller)`)
  return lines.join('\n')
}
