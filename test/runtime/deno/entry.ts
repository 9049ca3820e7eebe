/**
 * Deno: the codecs' WASM files sit beside this bundle; read them and hand them over with
 * `initCodecs` (compiled lazily, once, on first use). Run with `--allow-read` for that folder.
 */
import { initCodecs } from '@imgproc/codecs'
import { runSmoke } from '../smoke/smoke.js'
import { SMOKE_WASM } from '../smoke/wasm-files.js'

declare const Deno: { readFile(path: URL): Promise<Uint8Array> }

const report = await runSmoke({
  runtime: 'deno',
  initCodecs: async () => {
    const files = await Promise.all(SMOKE_WASM.map(async (name) => [name, await Deno.readFile(new URL(`./${name}`, import.meta.url))] as const))
    initCodecs(Object.fromEntries(files))
  },
})
console.log(JSON.stringify(report))
