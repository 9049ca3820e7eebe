/**
 * The engine as the page uses it: created once; every codec's WASM comes through the codecs'
 * `setWasmLoader` from the page's own loader (wasm-warmup.ts: `/-/playground/<file>.wasm`, beside
 * the bundle, compiled once, the likely ones before the engine asks).
 * Text watermarks draw with the same fonts as the server's: its font folder's by OSS name
 * (`/-/playground/fonts/<name>`, once each, 404 when it has none), then the fonts bundled with
 * the engine, which @imgproc/fonts fetches from beside this script by the code points of the text
 * (`/-/playground/fonts/<file>.woff`), shaped by HarfBuzz (`/-/playground/hb.wasm`).
 */
import { setWasmLoader } from '@imgproc/codecs'
import { createEngine, explain, type Engine, type ProcessResult } from '@imgproc/engine'
import type { Dialect } from '@imgproc/grammar'
import { compiledWasm } from './wasm-warmup.js'

export interface BrowserResult {
  result: ProcessResult
  /** the engine's plan in words (`explain`), one line a step */
  plan: string
}

let engine: Engine | undefined
const fonts = new Map<string, Promise<Uint8Array | null>>()

function fetchFont(name: string): Promise<Uint8Array | null> {
  let font = fonts.get(name)
  if (!font) {
    font = fetch(`/-/playground/fonts/${encodeURIComponent(name)}`).then(async (r) => (r.ok ? new Uint8Array(await r.arrayBuffer()) : null))
    fonts.set(name, font)
  }
  return font
}

export async function runInBrowser(bytes: Uint8Array, text: string, dialect: Dialect): Promise<BrowserResult> {
  if (!engine) {
    setWasmLoader(compiledWasm)
    engine = createEngine({ fonts: fetchFont })
  }
  const result = await engine.process(bytes, text, { dialect })
  return { result, plan: explain(result.plan) }
}
