/** The WASM files the smoke suite needs (JPEG through libjpeg-turbo, mozjpeg for optimize: true, PNG, WebP; no AVIF), the same list in every runtime. */
export const SMOKE_WASM = ['libjpeg_turbo.wasm', 'mozjpeg_enc.wasm', 'imgproc_png.wasm', 'webp_dec.wasm', 'webp_enc_simd.wasm'] as const
