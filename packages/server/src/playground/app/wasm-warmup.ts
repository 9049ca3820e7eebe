/**
 * The codecs' WebAssembly for the browser pane, compiled by the page. Left to the engine, each
 * .wasm is fetched and compiled only when a step first meets its format: the decoder after the
 * engine chunk has loaded, the encoder after decode and resize have run, one after the other.
 * Here the page names the files the image and string will likely need as the browser pane's run
 * starts (main.ts) and compiles them with `WebAssembly.compileStreaming` (off the page's thread)
 * while the engine chunk is evaluated; the engine takes every module through the codecs'
 * `setWasmLoader` (browser-engine.ts), these and any other it asks for. (Starting them when the
 * page starts was measured and dropped: it slowed the server's pane, see the README.)
 */
const compiled = new Map<string, Promise<WebAssembly.Module>>()

async function compile(file: string): Promise<WebAssembly.Module> {
  const url = `/-/playground/${file}`
  const response = await fetch(url)
  if (!response.ok) throw new Error(`GET ${url} answered HTTP ${response.status}`)
  // compileStreaming needs the application/wasm type (and a browser that has it); otherwise the bytes
  const streams = typeof WebAssembly.compileStreaming === 'function' && response.headers.get('content-type')?.split(';')[0]?.trim() === 'application/wasm'
  try {
    return await (streams ? WebAssembly.compileStreaming(response) : WebAssembly.compile(await response.arrayBuffer()))
  } catch (cause) {
    throw new Error(`${url} is not WebAssembly this browser can compile: ${cause instanceof Error ? cause.message : String(cause)}`, { cause })
  }
}

/** The compiled module for a codec's .wasm file, compiled once; a failure is forgotten, so a later call retries. */
export function compiledWasm(file: string): Promise<WebAssembly.Module> {
  let module = compiled.get(file)
  if (!module) {
    module = compile(file)
    module.catch(() => compiled.delete(file))
    compiled.set(file, module)
  }
  return module
}

/** Starts compiling the files; errors are left for the engine's own request, which reports them. */
export function warmWasm(files: readonly string[]): void {
  for (const file of files) compiledWasm(file).catch(() => undefined)
}

export type SourceKind = 'jpeg' | 'png' | 'webp' | 'other'

const DECODER: Record<SourceKind, string | undefined> = { jpeg: 'libjpeg_turbo.wasm', png: 'imgproc_png.wasm', webp: 'webp_dec.wasm', other: undefined }
const ENCODER: Record<string, string> = { jpg: 'libjpeg_turbo.wasm', jpeg: 'libjpeg_turbo.wasm', png: 'imgproc_png.wasm', webp: 'webp_enc_simd.wasm', avif: 'avif_enc.wasm' }

/** The three formats whose codecs are worth warming, by their first bytes. */
export function sourceKind(bytes: Uint8Array): SourceKind {
  const at = (i: number, text: string) => [...text].every((c, k) => bytes[i + k] === c.charCodeAt(0))
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg'
  if (bytes[0] === 0x89 && at(1, 'PNG')) return 'png'
  if (at(0, 'RIFF') && at(8, 'WEBP')) return 'webp'
  return 'other'
}

/**
 * The .wasm files a run will most likely need: the source's decoder and the encoder of the
 * string's `format,` (the source's own format without one). A guess, never a requirement: a file
 * not named here is compiled when the engine asks for it.
 */
export function wasmFilesFor(process: string, source: SourceKind): string[] {
  const format = /(?:^|\/)format,([a-z]+)/i.exec(process)?.[1]?.toLowerCase()
  const encoder = format ? ENCODER[format] : source === 'other' ? undefined : ENCODER[source]
  return [...new Set([DECODER[source], encoder].filter((file): file is string => file !== undefined))]
}
