/**
 * Bun: the codecs' WASM files sit beside this bundle; read them with Bun.file and hand them over
 * with `initCodecs`. (Unbundled, in a project with node_modules, `initNode()` from
 * `@imgproc/codecs/node` works in Bun too.)
 */
import { initCodecs } from '@imgproc/codecs'
import { runSmoke } from '../smoke/smoke.js'
import { fontOptions, SMOKE_FONT_FILE } from '../smoke/font.js'
import { SMOKE_WASM } from '../smoke/wasm-files.js'

declare const Bun: { file(path: URL): { arrayBuffer(): Promise<ArrayBuffer> } }

const report = await runSmoke({
  runtime: 'bun',
  initCodecs: async () => {
    const files = await Promise.all(SMOKE_WASM.map(async (name) => [name, await Bun.file(new URL(`./${name}`, import.meta.url)).arrayBuffer()] as const))
    initCodecs(Object.fromEntries(files))
  },
  engineOptions: fontOptions(await Bun.file(new URL(`./${SMOKE_FONT_FILE}`, import.meta.url)).arrayBuffer()),
})
console.log(JSON.stringify(report))
