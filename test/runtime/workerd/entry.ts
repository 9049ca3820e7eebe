/**
 * Cloudflare workerd: Workers cannot compile WebAssembly from bytes at run time, so each .wasm
 * is imported statically (the config declares it a Wasm module, which arrives as a compiled
 * `WebAssembly.Module`) and handed to `initCodecs`; the font is a data module (an ArrayBuffer).
 * The module worker answers every request with the smoke report as JSON.
 */
import { initCodecs } from '@imgproc/codecs'
import jpegTurbo from './libjpeg_turbo.wasm'
import mozjpegEnc from './mozjpeg_enc.wasm'
import pngWasm from './squoosh_png_bg.wasm'
import webpDec from './webp_dec.wasm'
import webpEnc from './webp_enc_simd.wasm'
import { fontOptions } from '../smoke/font.js'
import { runSmoke } from '../smoke/smoke.js'
import font from './font.ttf'

export default {
  async fetch(): Promise<Response> {
    const report = await runSmoke({
      runtime: 'workerd',
      initCodecs: async () =>
        initCodecs({
          'libjpeg_turbo.wasm': jpegTurbo,
          'mozjpeg_enc.wasm': mozjpegEnc,
          'squoosh_png_bg.wasm': pngWasm,
          'webp_dec.wasm': webpDec,
          'webp_enc_simd.wasm': webpEnc,
        }),
      engineOptions: fontOptions(font),
    })
    return new Response(JSON.stringify(report), { headers: { 'content-type': 'application/json' } })
  },
}
