/**
 * How the bundled files (fonts, hb.wasm) are read, the same way in every runtime, first match wins:
 *  1. bytes or modules handed over with `provideFontAssets({ '<file>': ... })` (Cloudflare
 *     Workers: import the files statically and pass them), else
 *  2. a loader installed with `setFontAssetLoader(file => bytes)`, else
 *  3. the runtime's default: the file beside the code (asset-url.ts), fetched; Node, Deno and
 *     Bun read it from disk instead (the package's node entry installs that reader).
 * Each file is read once; a failed read is not remembered, so a later setup can succeed.
 */
import { ImgError } from '@imgproc/types'
import { assetUrl } from './asset-url.js'

export type AssetLoader = (file: string) => Promise<Uint8Array>
type Given = Uint8Array | ArrayBuffer | WebAssembly.Module

const given = new Map<string, Uint8Array | WebAssembly.Module>()
const reads = new Map<string, Promise<Uint8Array>>()
let loader: AssetLoader | undefined
let runtimeDefault: AssetLoader = fetchAsset

/** Hands over files by name (`hb.wasm` may be a compiled module); takes effect for files not yet read. */
export function provideFontAssets(files: Readonly<Record<string, Given>>): void {
  // one Uint8Array per file, so that parsed fonts (cached per byte array) are parsed once
  for (const [file, source] of Object.entries(files)) given.set(file, source instanceof ArrayBuffer ? new Uint8Array(source) : source)
}

/** Installs the loader used for files not handed over (`undefined`: back to the runtime's default). */
export function setFontAssetLoader(next: AssetLoader | undefined): void {
  loader = next
}

/** Replaces the runtime's default source (step 3 above); the Node/Deno/Bun entry calls it once. */
export function setDefaultAssetSource(next: AssetLoader): void {
  runtimeDefault = next
}

/** A setup fault reading a bundled file: what, where, why, and what to do about it. */
export function assetUnavailable(file: string, where: string, problem: string, cause?: unknown): ImgError {
  const advice = isWorkers()
    ? `Workers cannot read files beside the code: import ${file} statically and pass it with provideFontAssets().`
    : `The files ship in @imgproc/fonts' dist/ (fonts/*.woff, hb.wasm): a bundle must serve them beside itself, or pass them with provideFontAssets().`
  return new ImgError('NotImplemented', `Could not read the bundled ${file} ${where}: ${problem}. ${advice}`, cause === undefined ? {} : { cause })
}

function isWorkers(): boolean {
  return (globalThis as { navigator?: { userAgent?: unknown } }).navigator?.userAgent === 'Cloudflare-Workers'
}

async function fetchAsset(file: string): Promise<Uint8Array> {
  let url: URL
  try {
    url = assetUrl(file)
  } catch (cause) {
    throw assetUnavailable(file, 'beside the code', 'this runtime gives modules no URL (import.meta.url)', cause)
  }
  let response: Response
  try {
    response = await fetch(url)
  } catch (cause) {
    const problem = url.protocol === 'file:' ? `fetch cannot read ${url.href} here (in Node, import @imgproc/fonts/node and call useNodeFontAssets())` : String((cause as Error).message ?? cause)
    throw assetUnavailable(file, `from ${url.href}`, problem, cause)
  }
  if (!response.ok) throw assetUnavailable(file, `from ${url.href}`, `HTTP ${response.status}`)
  return new Uint8Array(await response.arrayBuffer())
}

/** The bytes of a bundled file (see the order above); throws NotImplemented when it cannot be had. */
export function readAsset(file: string): Promise<Uint8Array> {
  const source = given.get(file)
  if (source instanceof Uint8Array) return Promise.resolve(source)
  let pending = reads.get(file)
  if (!pending) {
    pending = (loader ?? runtimeDefault)(file).catch((cause: unknown) => {
      reads.delete(file)
      throw cause instanceof ImgError ? cause : assetUnavailable(file, 'with the installed loader', String((cause as Error)?.message ?? cause), cause)
    })
    reads.set(file, pending)
  }
  return pending
}

/** A compiled WebAssembly module from a bundled file (a module handed over is used as it is). */
export async function readWasmModule(file: string): Promise<WebAssembly.Module> {
  const source = given.get(file)
  if (source instanceof WebAssembly.Module) return source
  const bytes = await readAsset(file)
  try {
    return await WebAssembly.compile(bytes)
  } catch (cause) {
    throw assetUnavailable(file, 'as WebAssembly', `it does not compile (${(cause as Error).message})`, cause)
  }
}
