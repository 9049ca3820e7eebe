/**
 * Node (and Bun) setup: `await initNode()` once makes every codec read its .wasm file from
 * node_modules. Node's fetch cannot load file: URLs, which is what the glue's own lookup needs.
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { setWasmLoader, type WasmFile } from './wasm.js'

const require = createRequire(import.meta.url)

/** Our own builds ship inside this package, in ./wasm beside the code (src/ and dist/ alike). */
const OWN_WASM: ReadonlySet<WasmFile> = new Set<WasmFile>(['libjpeg_turbo.wasm'])

const WASM_PATHS: Readonly<Record<Exclude<WasmFile, 'libjpeg_turbo.wasm'>, string>> = {
  'mozjpeg_enc.wasm': '@jsquash/jpeg/codec/enc/mozjpeg_enc.wasm',
  'squoosh_png_bg.wasm': '@jsquash/png/codec/pkg/squoosh_png_bg.wasm',
  'webp_dec.wasm': '@jsquash/webp/codec/dec/webp_dec.wasm',
  'webp_enc_simd.wasm': '@jsquash/webp/codec/enc/webp_enc_simd.wasm',
  'avif_dec.wasm': '@jsquash/avif/codec/dec/avif_dec.wasm',
  'avif_enc.wasm': '@jsquash/avif/codec/enc/avif_enc.wasm',
  'libheif.wasm': 'libheif-js/libheif-wasm/libheif.wasm',
}

/** Where a codec's .wasm file is on disk. */
export function nodeWasmPath(file: WasmFile): string {
  if (OWN_WASM.has(file)) return fileURLToPath(new URL(`./wasm/${file}`, import.meta.url))
  return require.resolve(WASM_PATHS[file as Exclude<WasmFile, 'libjpeg_turbo.wasm'>])
}

/** Installs the Node loader; WASM files are still read lazily, once, on first use. */
export async function initNode(): Promise<void> {
  setWasmLoader(async (file) => WebAssembly.compile(await readFile(nodeWasmPath(file))))
}
