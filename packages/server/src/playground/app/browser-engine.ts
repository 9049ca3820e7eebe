/**
 * The engine as the page uses it: created once; the codecs fetch their WASM from beside the
 * bundle (`/-/playground/*.wasm`), the glue's own lookup, so nothing is initialised by hand.
 */
import { createEngine, explain, type Engine, type ProcessResult } from '@imgproc/engine'
import type { Dialect } from '@imgproc/grammar'

export interface BrowserResult {
  result: ProcessResult
  /** the engine's plan in words (`explain`), one line a step */
  plan: string
}

let engine: Engine | undefined

export async function runInBrowser(bytes: Uint8Array, text: string, dialect: Dialect): Promise<BrowserResult> {
  engine ??= createEngine()
  const result = await engine.process(bytes, text, { dialect })
  return { result, plan: explain(result.plan) }
}
