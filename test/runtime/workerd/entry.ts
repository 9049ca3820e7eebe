/**
 * Cloudflare workerd: Workers cannot compile WebAssembly from bytes at run time, so each .wasm
 * is imported statically (the config declares it a Wasm module, which arrives as a compiled
 * `WebAssembly.Module`) and handed to `initCodecs`; the font is a data module (an ArrayBuffer).
 * The text shaper's hb.wasm and the bundled font file the text needs go to @imgproc/fonts the
 * same way (`provideFontAssets`), since a Worker cannot read files beside its code either.
 * The module worker answers every request with the smoke report as JSON.
 */
import { initCodecs } from '@imgproc/codecs'
import { provideFontAssets } from '@imgproc/fonts'
import hb from './hb.wasm'
import latin from './noto-sans-sc-latin-400-normal.woff'
import jpegTurbo from './libjpeg_turbo.wasm'
import mozjpegEnc from './mozjpeg_enc.wasm'
import pngWasm from './imgproc_png.wasm'
import webpDec from './webp_dec.wasm'
import webpEnc from './webp_enc_simd.wasm'
import { fontOptions } from '../smoke/font.js'
import { runSmoke } from '../smoke/smoke.js'
import font from './font.ttf'

provideFontAssets({ 'hb.wasm': hb, 'noto-sans-sc-latin-400-normal.woff': latin })

export default {
  async fetch(): Promise<Response> {
    const report = await runSmoke({
      runtime: 'workerd',
      initCodecs: async () =>
        initCodecs({
          'libjpeg_turbo.wasm': jpegTurbo,
          'mozjpeg_enc.wasm': mozjpegEnc,
          'imgproc_png.wasm': pngWasm,
          'webp_dec.wasm': webpDec,
          'webp_enc_simd.wasm': webpEnc,
        }),
      engineOptions: fontOptions(font),
    })
    return new Response(JSON.stringify(report), { headers: { 'content-type': 'application/json' } })
  },
}
