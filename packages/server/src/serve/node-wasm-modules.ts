/**
 * The codecs' WebAssembly for the image workers, compiled once per process on the main thread and
 * handed to each worker as a `WebAssembly.Module`. A Module is structured-cloneable between
 * threads and the clones share one compiled code (its optimised tier too, once a worker has
 * warmed it), so a new or recycled worker instantiates a codec at once instead of compiling it
 * again, and never runs it on the slow baseline tier for a while. Compiled lazily, on a worker's
 * first need; a failure is not remembered, so a later request can try again.
 */
import { readFile } from 'node:fs/promises'
import { WASM_FILES, type WasmFile } from '@imgproc/codecs'
import { nodeWasmPath } from '@imgproc/codecs/node'
import { ImgError } from '@imgproc/types'

const compiled = new Map<WasmFile, Promise<WebAssembly.Module>>()

/** Only the codecs' own files are served (the name comes from a worker, so it is checked). */
export function isWasmFile(name: string): name is WasmFile {
  return (WASM_FILES as readonly string[]).includes(name)
}

/** The files compiled here so far (tests; what the workers have asked for). */
export function compiledWasmFiles(): WasmFile[] {
  return [...compiled.keys()]
}

export function compiledWasm(file: WasmFile): Promise<WebAssembly.Module> {
  let module = compiled.get(file)
  if (!module) {
    module = compile(file)
    compiled.set(file, module)
    module.catch(() => compiled.delete(file))
  }
  return module
}

async function compile(file: WasmFile): Promise<WebAssembly.Module> {
  const path = nodeWasmPath(file)
  try {
    return await WebAssembly.compile(await readFile(path))
  } catch (cause) {
    const problem = cause instanceof Error ? cause.message : String(cause)
    throw new ImgError('CodecUnavailable', `Could not load ${file} from ${path} for the image workers: ${problem}. Reinstall @imgproc/codecs (its dist/ ships the .wasm files).`, { cause })
  }
}
