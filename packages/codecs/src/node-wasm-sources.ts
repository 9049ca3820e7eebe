/**
 * Where each .wasm file comes from before the build copies it beside the code: our own builds
 * sit beside their glue in src/wasm, the others in the dependency that ships their glue. The build
 * (tsup.config.ts) copies from here into dist/; a source checkout (tests, tsx) reads from here.
 * The dependencies are pinned to exact versions in package.json because the copied file must be
 * the one their glue, resolved from node_modules at run time, was built with.
 */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { WasmFile } from './wasm.js'

const require = createRequire(import.meta.url)

/** Built in this repository (native/), committed beside their glue in src/wasm. */
const OWN_BUILDS = ['libjpeg_turbo.wasm', 'imgproc_png.wasm'] as const

const FROM_DEPENDENCIES: Readonly<Record<Exclude<WasmFile, (typeof OWN_BUILDS)[number]>, string>> = {
  'mozjpeg_enc.wasm': '@jsquash/jpeg/codec/enc/mozjpeg_enc.wasm',
  'webp_dec.wasm': '@jsquash/webp/codec/dec/webp_dec.wasm',
  'webp_enc_simd.wasm': '@jsquash/webp/codec/enc/webp_enc_simd.wasm',
  'avif_dec.wasm': '@jsquash/avif/codec/dec/avif_dec.wasm',
  'avif_enc.wasm': '@jsquash/avif/codec/enc/avif_enc.wasm',
  'libheif.wasm': 'libheif-js/libheif-wasm/libheif.wasm',
}

/** The file in src/wasm (ours) or in the dependency that ships it; throws when the dependency is missing. */
export function sourceWasmPath(file: WasmFile): string {
  if ((OWN_BUILDS as readonly WasmFile[]).includes(file)) return join(dirname(fileURLToPath(import.meta.url)), 'wasm', file)
  return require.resolve(FROM_DEPENDENCIES[file as Exclude<WasmFile, (typeof OWN_BUILDS)[number]>])
}
