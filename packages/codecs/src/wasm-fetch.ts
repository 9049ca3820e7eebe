/**
 * The default way to get a codec's WebAssembly outside Node, Deno and Bun (browsers, bundles,
 * other Web runtimes): fetch the file beside the code (wasm-urls.ts) and compile it. Workers cannot
 * do either, so there the error says at once how to hand the modules over. Bytes are compiled with
 * `WebAssembly.compile` rather than `compileStreaming`, so a server that sends the file with a
 * generic Content-Type still works.
 */
import { ImgError } from '@imgproc/types'
import { ADVICE, codecUnavailable, describeCause, isWorkers, type LoadedWasm } from './wasm-errors.js'
import { wasmUrl } from './wasm-urls.js'
import type { WasmFile } from './wasm.js'

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d] // "\0asm"

/** Fetches and compiles `file` from `url` (default: beside this code); throws CodecUnavailable. */
export async function fetchWasm(file: WasmFile, url?: URL): Promise<LoadedWasm> {
  if (isWorkers()) throw codecUnavailable(file, 'in a Worker', 'no module was passed with initCodecs()', ADVICE.workers)
  let where: URL
  try {
    where = url ?? wasmUrl(file)
  } catch (cause) {
    throw codecUnavailable(file, 'beside the code', 'this runtime gives modules no URL (import.meta.url)', ADVICE.workers, cause)
  }
  const advice = where.protocol === 'file:' ? ADVICE.fileUrl : ADVICE.browser
  let response: Response
  let bytes: Uint8Array
  try {
    response = await fetch(where)
    if (!response.ok) throw codecUnavailable(file, `from ${where.href}`, `HTTP ${response.status} ${response.statusText}`.trim(), advice)
    // Bun answers a file: URL at once and fails only when the body is read (ENOENT)
    bytes = new Uint8Array(await response.arrayBuffer())
  } catch (cause) {
    if (cause instanceof ImgError) throw cause
    throw codecUnavailable(file, `from ${where.href}`, describeCause(cause), advice, cause)
  }
  if (!WASM_MAGIC.every((byte, i) => bytes[i] === byte)) {
    const type = response.headers.get('content-type') ?? 'no Content-Type'
    throw codecUnavailable(file, `from ${where.href}`, `the reply is not WebAssembly (${type}, ${bytes.length} bytes)`, advice)
  }
  try {
    return { module: await WebAssembly.compile(bytes), from: where.href }
  } catch (cause) {
    throw codecUnavailable(file, `from ${where.href}`, `it does not compile (${describeCause(cause)})`, advice, cause)
  }
}
