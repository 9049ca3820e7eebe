/**
 * How the codecs find their WebAssembly, the same way in every runtime:
 *  1. modules handed over explicitly with `initCodecs({ 'libjpeg_turbo.wasm': module, ... })`
 *     (Cloudflare Workers: import the .wasm files statically and pass them), else
 *  2. a loader installed with `setWasmLoader` (Node: `initNode()` from `@imgproc/codecs/node`
 *     installs one that reads the files from node_modules), else
 *  3. the @jsquash glue's own lookup next to its script (browsers, Deno, bundlers).
 * Each WASM file is initialised lazily, once; a failed attempt is forgotten so a later
 * `initCodecs`/`setWasmLoader` can succeed.
 */
import { ImgError } from '@imgproc/types'

/** The WASM files the codecs use, by file name. */
export const WASM_FILES = [
  'libjpeg_turbo.wasm',
  'mozjpeg_enc.wasm',
  'squoosh_png_bg.wasm',
  'webp_dec.wasm',
  'webp_enc_simd.wasm',
  'avif_dec.wasm',
  'avif_enc.wasm',
  'libheif.wasm',
] as const
export type WasmFile = (typeof WASM_FILES)[number]

/** Compiled modules (or their bytes) by WASM file name. */
export type WasmModules = Partial<Record<WasmFile, WebAssembly.Module | BufferSource>>
export type WasmLoader = (file: WasmFile) => Promise<WebAssembly.Module>

const given = new Map<WasmFile, WebAssembly.Module | BufferSource>()
const ready = new Map<WasmFile, Promise<void>>()
let loader: WasmLoader | undefined

/** Installs the loader used for WASM files not handed over explicitly (see `initNode`). */
export function setWasmLoader(next: WasmLoader | undefined): void {
  loader = next
}

/** Hands over WASM modules or bytes; takes effect for files not yet initialised. */
export function provideWasm(modules: WasmModules): void {
  for (const [file, source] of Object.entries(modules) as Array<[WasmFile, WebAssembly.Module | BufferSource]>) {
    given.set(file, source)
  }
}

async function resolveModule(file: WasmFile): Promise<WebAssembly.Module | undefined> {
  const source = given.get(file)
  if (source instanceof WebAssembly.Module) return source
  if (source) return WebAssembly.compile(source)
  if (loader) return loader(file)
  return undefined // the glue's own lookup
}

/**
 * Runs `start(module)` once per WASM file (module undefined = the glue's own lookup).
 * Concurrent callers share one attempt; a failure is not memoised.
 */
export function ensureWasm(file: WasmFile, start: (module: WebAssembly.Module | undefined) => Promise<unknown>): Promise<void> {
  let pending = ready.get(file)
  if (!pending) {
    pending = resolveModule(file)
      .then((module) => start(module))
      .then(() => undefined)
      .catch((cause: unknown) => {
        ready.delete(file)
        throw new ImgError(
          'InternalError',
          `Could not initialise ${file}; in Node call initNode() from @imgproc/codecs/node, elsewhere pass the module with initCodecs().`,
          { cause },
        )
      })
    ready.set(file, pending)
  }
  return pending
}

/** Emscripten's `instantiateWasm` hook: takes the imports and a callback, returns the exports. */
export type InstantiateWasmHook = (imports: WebAssembly.Imports, callback: (instance: WebAssembly.Instance) => void) => WebAssembly.Exports

/**
 * The hook that hands an already compiled module to Emscripten glue, instantiated synchronously:
 * the glue's start-up code runs right after instantiation, and Workers cannot compile from bytes,
 * so a module found by ensureWasm goes in this way. Without a module the glue finds its own file.
 */
export function instantiateSynchronously(module: WebAssembly.Module | undefined): { instantiateWasm?: InstantiateWasmHook } {
  if (!module) return {}
  return {
    instantiateWasm(imports, callback) {
      const created = new WebAssembly.Instance(module, imports)
      callback(created)
      return created.exports
    },
  }
}

/**
 * Node built-ins that the codecs' dependencies require only on their Node paths (libheif-js's
 * Emscripten glue: fs, path; jsColorEngine's file and URL loaders and its worker pool: fs, http,
 * os, worker_threads, ...). A bundle for a browser or a Worker leaves them external: the calls
 * stay in the bundle and never run there.
 */
export const NODE_ONLY_REQUIRES: readonly string[] = ['fs', 'path', 'http', 'os', 'util', 'child_process', 'worker_threads']
