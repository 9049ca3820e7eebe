/**
 * Node, Deno and Bun: each codec's .wasm read from disk on first use. The package's "node",
 * "deno" and "bun" export conditions load `node-index.ts`, which makes this reader the default,
 * so nothing needs calling; `initNode()` stays for code written when it was needed.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { sourceWasmPath } from './node-wasm-sources.js'
import { ADVICE, codecUnavailable, describeCause, type LoadedWasm } from './wasm-errors.js'
import { wasmUrl } from './wasm-urls.js'
import { setDefaultWasmSource, type WasmFile } from './wasm.js'

/**
 * Where a codec's .wasm file is on disk: beside the code (the package's dist/, where the build
 * copies every file), else where a source checkout keeps it (src/wasm, or the dependency's own).
 */
export function nodeWasmPath(file: WasmFile): string {
  const beside = fileURLToPath(wasmUrl(file))
  if (present(beside)) return beside
  try {
    const source = sourceWasmPath(file)
    if (present(source)) return source
  } catch {
    // the dependency is not installed either
  }
  return beside // neither is there: report the place the installed package keeps it
}

/** Deno without read permission throws instead of answering; the read that follows then says so, naming the path. */
function present(path: string): boolean {
  try {
    return existsSync(path)
  } catch {
    return true
  }
}

/** Reads and compiles `file` from `path`; a file that cannot be read or compiled is CodecUnavailable, naming the path. */
export async function readNodeWasm(file: WasmFile, path: string = nodeWasmPath(file)): Promise<LoadedWasm> {
  let bytes: Uint8Array
  try {
    bytes = await readFile(path)
  } catch (cause) {
    throw codecUnavailable(file, `from ${path}`, describeCause(cause), ADVICE.disk, cause)
  }
  try {
    return { module: await WebAssembly.compile(bytes), from: path }
  } catch (cause) {
    throw codecUnavailable(file, `from ${path}`, `it does not compile (${describeCause(cause)})`, ADVICE.disk, cause)
  }
}

/**
 * Makes the disk reader the default source of WASM, as importing the package in Node, Deno or
 * Bun already does. Kept so code that calls it (and bundles that resolve the package's browser
 * entry but run in Node) keep working; files handed over with initCodecs() or a loader from
 * setWasmLoader() still come first.
 */
export async function initNode(): Promise<void> {
  setDefaultWasmSource((file) => readNodeWasm(file))
}
