/**
 * The one error for a codec whose WebAssembly cannot be had: `CodecUnavailable` (a setup fault,
 * not a bug and not the request's), naming the file, where it was looked for, and what to do in
 * the runtime at hand. The advice differs per runtime because the remedy does.
 */
import { ImgError } from '@imgproc/types'
import type { WasmFile } from './wasm.js'

/** A compiled module and where it came from (a path, a URL, or the call that handed it over). */
export interface LoadedWasm {
  module: WebAssembly.Module
  from: string
}

export const ADVICE = {
  browser:
    "Serve the codecs' .wasm files (node_modules/@imgproc/codecs/dist/*.wasm) beside your bundle (Vite and webpack emit them by themselves; with esbuild copy them), or pass them with initCodecs().",
  fileUrl:
    "In Node, whose fetch cannot read file: URLs, import @imgproc/codecs by its package name (its \"node\" export reads the files from disk) or call initNode() from @imgproc/codecs/node; in Deno allow reading the file (--allow-read); a bundle needs the .wasm files of node_modules/@imgproc/codecs/dist/ beside it.",
  workers:
    "Workers cannot fetch or compile WebAssembly at run time: import the .wasm file statically (it arrives as a WebAssembly.Module) and pass it with initCodecs({ '<file>': module }).",
  disk: "The .wasm files ship in @imgproc/codecs's dist/: reinstall the package (in Deno, allow reading it: --allow-read), or, if you bundle your program, copy node_modules/@imgproc/codecs/dist/*.wasm beside the bundle (or pass the modules with initCodecs()).",
} as const

/** `Cloudflare-Workers` is the user agent workerd gives every Worker (and nothing else does). */
export function isWorkers(): boolean {
  return (globalThis as { navigator?: { userAgent?: unknown } }).navigator?.userAgent === 'Cloudflare-Workers'
}

/** A thrown value as text for a message: Error messages, strings as they are (Emscripten throws strings). */
export function describeCause(cause: unknown): string {
  if (cause instanceof Error) return cause.message
  return typeof cause === 'string' ? cause : String(cause)
}

/** `Could not load <file> <where>: <problem>. <advice>` as a CodecUnavailable error. */
export function codecUnavailable(file: WasmFile, where: string, problem: string, advice: string, cause?: unknown): ImgError {
  const text = `Could not load ${file} ${where}: ${problem.replace(/\.$/, '')}. ${advice.replace(/<file>/g, file)}`
  return new ImgError('CodecUnavailable', text, cause === undefined ? {} : { cause })
}
