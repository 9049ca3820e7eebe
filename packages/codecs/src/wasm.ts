/**
 * How the codecs find their WebAssembly, the same way in every runtime, first match wins:
 *  1. modules handed over explicitly with `initCodecs({ 'libjpeg_turbo.wasm': module, ... })`
 *     (Cloudflare Workers: import the .wasm files statically and pass them), else
 *  2. a loader installed with `setWasmLoader` (or `initNode()`, kept for older callers), else
 *  3. the runtime's default: the file beside the code. Node, Deno and Bun resolve this package to
 *     its `node-index` entry ("node"/"deno"/"bun" export conditions), which reads the file from
 *     disk; everywhere else (browsers, bundles, Web runtimes) it is fetched (wasm-fetch.ts).
 * Each WASM file is initialised lazily, once; a failed attempt is forgotten so a later
 * `initCodecs`/`setWasmLoader` can succeed. Every failure is a `CodecUnavailable` error that names
 * the file, where it was looked for and what to do (wasm-errors.ts).
 */
import { ImgError } from '@imgproc/types'
import { ADVICE, codecUnavailable, describeCause, isWorkers, type LoadedWasm } from './wasm-errors.js'
import { fetchWasm } from './wasm-fetch.js'

/** The WASM files the codecs use, by file name. */
export const WASM_FILES = [
  'libjpeg_turbo.wasm',
  'imgproc_png.wasm',
  'mozjpeg_enc.wasm',
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
/** A runtime's default source of WASM (see `setDefaultWasmSource`). */
export type WasmSource = (file: WasmFile) => Promise<LoadedWasm>

const given = new Map<WasmFile, WebAssembly.Module | BufferSource>()
const ready = new Map<WasmFile, Promise<void>>()
let loader: WasmLoader | undefined
let runtimeDefault: WasmSource = fetchWasm

/** Installs the loader used for WASM files not handed over explicitly (`undefined`: back to the default). */
export function setWasmLoader(next: WasmLoader | undefined): void {
  loader = next
}

/**
 * Replaces the runtime's default source (step 3 above). Called once by the Node/Deno/Bun entry;
 * not exported from the package: callers who want their own source use `setWasmLoader`.
 */
export function setDefaultWasmSource(next: WasmSource): void {
  runtimeDefault = next
}

/** Hands over WASM modules or bytes; takes effect for files not yet initialised. */
export function provideWasm(modules: WasmModules): void {
  for (const [file, source] of Object.entries(modules) as Array<[WasmFile, WebAssembly.Module | BufferSource]>) {
    given.set(file, source)
  }
}

async function compileGiven(file: WasmFile, bytes: BufferSource): Promise<LoadedWasm> {
  try {
    return { module: await WebAssembly.compile(bytes), from: 'the bytes passed to initCodecs()' }
  } catch (cause) {
    const advice = isWorkers() ? ADVICE.workers : 'Pass the bytes of the file itself, or a compiled WebAssembly.Module.'
    throw codecUnavailable(file, 'from the bytes passed to initCodecs()', describeCause(cause), advice, cause)
  }
}

async function fromLoader(file: WasmFile, load: WasmLoader): Promise<LoadedWasm> {
  try {
    return { module: await load(file), from: 'the loader installed with setWasmLoader()' }
  } catch (cause) {
    if (cause instanceof ImgError) throw cause
    throw codecUnavailable(file, 'with the loader installed by setWasmLoader()', describeCause(cause), 'Check that loader, or pass the module with initCodecs().', cause)
  }
}

function resolveModule(file: WasmFile): Promise<LoadedWasm> {
  const source = given.get(file)
  if (source instanceof WebAssembly.Module) return Promise.resolve({ module: source, from: 'initCodecs()' })
  if (source) return compileGiven(file, source)
  if (loader) return fromLoader(file, loader)
  return runtimeDefault(file)
}

/**
 * Runs `start(module)` once per WASM file. Concurrent callers share one attempt; a failure is not
 * memoised. A module that is found but does not start (a .wasm from another version of its glue,
 * say) is a setup fault too, reported with where the module came from.
 */
export function ensureWasm(file: WasmFile, start: (module: WebAssembly.Module) => Promise<unknown>): Promise<void> {
  let pending = ready.get(file)
  if (!pending) {
    pending = resolveModule(file)
      .then(async ({ module, from }) => {
        try {
          await start(module)
        } catch (cause) {
          const problem = `it was found (${from}) but did not start: ${describeCause(cause)}`
          throw codecUnavailable(file, 'into its glue', problem, 'Use the .wasm files that ship with this version of @imgproc/codecs.', cause)
        }
      })
      .catch((cause: unknown) => {
        ready.delete(file)
        throw cause
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
 * so a module found by ensureWasm goes in this way (ensureWasm always finds one or throws, so the
 * glue's own lookup beside its script is never used).
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
 * Node built-ins that the codecs' dependencies require only on their Node paths (jsColorEngine's
 * file and URL loaders and its worker pool: fs, http, os, worker_threads, ...). A browser bundle
 * needs no `external` list any more: the HEIC glue ships with its Node branch taken out
 * (formats/libheif-glue.js), and jsColorEngine's browser field stubs the rest (and dist carries
 * jsColorEngine bundled, its requires turned into calls no bundler follows). Still needed as
 * esbuild's `external` for a platform-neutral bundle (Deno, Bun) of this repository's source, which
 * reads no browser field; kept exported for callers that pass it anyway (harmless).
 */
export const NODE_ONLY_REQUIRES: readonly string[] = ['fs', 'path', 'http', 'os', 'util', 'child_process', 'worker_threads']
