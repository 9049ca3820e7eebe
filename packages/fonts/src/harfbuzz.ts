/**
 * HarfBuzz for `@imgproc/ops`' shaper: harfbuzzjs' build of HarfBuzz (hb.wasm, ~400 KB, MIT /
 * "Old MIT"), bundled in this package and read through assets.ts, so the same setup that finds
 * the fonts finds it (Workers hand it over compiled with `provideFontAssets`). It is instantiated
 * here with stubs for the five runtime functions it imports; harfbuzz-api.ts calls it.
 */
import type { HarfBuzz } from '@imgproc/ops'
import { assetUnavailable, readWasmModule } from './assets.js'
import { harfBuzzApi, type HbExports } from './harfbuzz-api.js'

let loading: Promise<HarfBuzz> | undefined

/** The HarfBuzz API, started once (a failure is not remembered, so a later setup can succeed). */
export function loadHarfBuzz(): Promise<HarfBuzz> {
  loading ??= start().catch((cause: unknown) => {
    loading = undefined
    throw cause
  })
  return loading
}

const WASM_PAGE = 65536

async function start(): Promise<HarfBuzz> {
  const module = await readWasmModule('hb.wasm')
  let memory: WebAssembly.Memory | undefined
  const imports = {
    env: {
      // Emscripten's runtime hooks: HarfBuzz grows its heap through the first; the rest are
      // for timers and exit, which shaping never uses
      emscripten_resize_heap(requested: number): number {
        const missing = (requested >>> 0) - memory!.buffer.byteLength
        try {
          if (missing > 0) memory!.grow(Math.ceil(missing / WASM_PAGE))
          return 1
        } catch {
          return 0
        }
      },
      _emscripten_runtime_keepalive_clear() {},
      _setitimer_js: () => 0,
      _abort_js() {
        throw new Error('HarfBuzz aborted')
      },
    },
    wasi_snapshot_preview1: {
      proc_exit(code: number) {
        throw new Error(`HarfBuzz exited (${code})`)
      },
    },
  }
  let exports: HbExports & { __wasm_call_ctors(): void }
  try {
    const instance = await WebAssembly.instantiate(module, imports)
    exports = instance.exports as unknown as typeof exports
    memory = exports.memory
    exports.__wasm_call_ctors()
  } catch (cause) {
    throw assetUnavailable('hb.wasm', 'as HarfBuzz', `it did not start (${(cause as Error).message})`, cause)
  }
  return harfBuzzApi(exports)
}
