/**
 * Deno: the codecs' WASM files (and the font) sit beside this bundle; read them and hand them
 * over with `initCodecs` (compiled lazily, once, on first use) and `createEngine({ fonts })`.
 * Run with `--allow-read` for that folder.
 */
import { initCodecs } from '@imgproc/codecs'
import { runSmoke } from '../smoke/smoke.js'
import { fontOptions, SMOKE_FONT_FILE } from '../smoke/font.js'
import { SMOKE_WASM } from '../smoke/wasm-files.js'

declare const Deno: { readFile(path: URL): Promise<Uint8Array> }

const report = await runSmoke({
  runtime: 'deno',
  initCodecs: async () => {
    const files = await Promise.all(SMOKE_WASM.map(async (name) => [name, await Deno.readFile(new URL(`./${name}`, import.meta.url))] as const))
    initCodecs(Object.fromEntries(files))
  },
  engineOptions: fontOptions(await Deno.readFile(new URL(`./${SMOKE_FONT_FILE}`, import.meta.url))),
})
console.log(JSON.stringify(report))
