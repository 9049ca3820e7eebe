/**
 * Deno, bundled: nothing initialises the codecs; each fetches its .wasm from beside this bundle
 * (a file: URL, which Deno's fetch reads). The font is read the same way and given to
 * `createEngine({ fonts })`. Run with `--allow-read` for that folder.
 */
import { runSmoke } from '../smoke/smoke.js'
import { fontOptions, SMOKE_FONT_FILE } from '../smoke/font.js'

declare const Deno: { readFile(path: URL): Promise<Uint8Array> }

const report = await runSmoke({
  runtime: 'deno',
  engineOptions: fontOptions(await Deno.readFile(new URL(`./${SMOKE_FONT_FILE}`, import.meta.url))),
})
console.log(JSON.stringify(report))
