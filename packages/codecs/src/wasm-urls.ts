/**
 * Where each codec's .wasm file is, as a URL beside this code: the build copies every file into
 * the package's `dist/` (tsup.config.ts), next to the script this module ends up in. Each URL is
 * written out as `new URL('./<file>', import.meta.url)` on purpose: that literal form is what
 * Vite, webpack and Parcel recognise to emit the file with the bundle, and what stays correct
 * when esbuild bundles this module (the files then belong beside the bundle). This module sits at
 * the top of src/ so that its relative URLs mean the same thing in src/ and in dist/'s chunks.
 */
import type { WasmFile } from './wasm.js'

const URLS: Readonly<Record<WasmFile, () => URL>> = {
  'libjpeg_turbo.wasm': () => new URL('./libjpeg_turbo.wasm', import.meta.url),
  'imgproc_png.wasm': () => new URL('./imgproc_png.wasm', import.meta.url),
  'mozjpeg_enc.wasm': () => new URL('./mozjpeg_enc.wasm', import.meta.url),
  'webp_dec.wasm': () => new URL('./webp_dec.wasm', import.meta.url),
  'webp_enc_simd.wasm': () => new URL('./webp_enc_simd.wasm', import.meta.url),
  'avif_dec.wasm': () => new URL('./avif_dec.wasm', import.meta.url),
  'avif_enc.wasm': () => new URL('./avif_enc.wasm', import.meta.url),
  'libheif.wasm': () => new URL('./libheif.wasm', import.meta.url),
}

/**
 * The URL of `file` beside this code. Throws a TypeError where the runtime gives modules no URL
 * (Cloudflare Workers), which is why it is computed only when a file is first needed.
 */
export function wasmUrl(file: WasmFile): URL {
  return URLS[file]()
}
