/**
 * Bun, bundled: nothing initialises the codecs; each fetches its .wasm from beside this bundle
 * (a file: URL, which Bun's fetch reads). Unbundled, Bun resolves @imgproc/codecs to its disk
 * reader (the "bun" export condition), which test/built checks.
 */
import { runSmoke } from '../smoke/smoke.js'
import { fontOptions, SMOKE_FONT_FILE } from '../smoke/font.js'

declare const Bun: { file(path: URL): { arrayBuffer(): Promise<ArrayBuffer> } }

const report = await runSmoke({
  runtime: 'bun',
  engineOptions: fontOptions(await Bun.file(new URL(`./${SMOKE_FONT_FILE}`, import.meta.url)).arrayBuffer()),
})
console.log(JSON.stringify(report))
