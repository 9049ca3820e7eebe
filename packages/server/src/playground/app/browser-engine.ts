/**
 * The engine as the page uses it: created once; the codecs fetch their WASM from beside the
 * bundle (`/-/playground/*.wasm`), the glue's own lookup. The plan is summarised for display.
 */
import type { Dialect } from '@imgproc/grammar'
import * as engineModule from '@imgproc/engine'
import { ImgError } from '@imgproc/types'

export interface BrowserResult {
  kind: 'image' | 'json'
  bytes: Uint8Array
  mimeType: string
  width?: number
  height?: number
  /** the engine's plan in words, one step a line */
  plan: string
}

interface PlanStep {
  action: string
  op: string
  input: { width: number; height: number }
  output: { width: number; height: number }
}
interface EngineResult {
  kind: 'image' | 'json'
  bytes: Uint8Array
  mimeType: string
  width?: number
  height?: number
  plan?: { steps?: PlanStep[]; output?: { format?: string; quality?: number } }
}
interface Engine {
  process(bytes: Uint8Array, text: string, options: { dialect: Dialect }): Promise<EngineResult>
}

let engine: Engine | undefined

function open(): Engine {
  const create = (engineModule as unknown as { createEngine?: (options?: object) => Engine }).createEngine
  if (typeof create !== 'function') throw new ImgError('NotImplemented', '@imgproc/engine does not export createEngine in this build.')
  return (engine ??= create())
}

/** One line per step: `resize: resize 640x400 -> 200x125`, then the encoder settings. */
export function planText(plan: EngineResult['plan']): string {
  if (!plan?.steps) return ''
  const lines = plan.steps.map((s) => `${s.action}: ${s.op} ${s.input.width}\u00d7${s.input.height} \u2192 ${s.output.width}\u00d7${s.output.height}`)
  if (plan.output?.format) lines.push(`encode: ${plan.output.format}${plan.output.quality ? ` q${plan.output.quality}` : ''}`)
  return lines.join('\n')
}

export async function runInBrowser(bytes: Uint8Array, text: string, dialect: Dialect): Promise<BrowserResult> {
  const result = await open().process(bytes, text, { dialect })
  return { kind: result.kind, bytes: result.bytes, mimeType: result.mimeType, width: result.width, height: result.height, plan: planText(result.plan) }
}
