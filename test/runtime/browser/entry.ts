/**
 * Browser: runs the bundled smoke suite in the page and leaves the report on
 * `globalThis.smokeReport`. The codecs fetch their WASM from beside the script by themselves;
 * the font is fetched the same way and given to the engine.
 */
import { fontOptions, SMOKE_FONT_FILE } from '../smoke/font.js'
import { runSmoke } from '../smoke/smoke.js'

const font = await fetch(new URL(`./${SMOKE_FONT_FILE}`, import.meta.url)).then((r) => (r.ok ? r.arrayBuffer() : null))
const report = await runSmoke({ runtime: 'chromium', engineOptions: fontOptions(font) })
;(globalThis as unknown as { smokeReport: unknown }).smokeReport = report
