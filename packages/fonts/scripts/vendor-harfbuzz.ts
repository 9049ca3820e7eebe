/**
 * Copies HarfBuzz's WebAssembly (hb.wasm) from the installed harfbuzzjs (a devDependency, pinned)
 * into src/: `pnpm exec tsx packages/fonts/scripts/vendor-harfbuzz.ts`. Only the .wasm is taken:
 * src/harfbuzz.ts instantiates it and src/harfbuzz-api.ts calls its exports, instead of
 * harfbuzzjs' JavaScript (whose start-up compiles WebAssembly at run time, which Cloudflare
 * Workers forbid). After an upgrade, check that the module's imports are still the five stubbed
 * in harfbuzz.ts (the script prints them) and that the exports harfbuzz-api.ts calls are there.
 */
import { copyFileSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const HARFBUZZJS_VERSION = '1.6.4'

const require = createRequire(new URL('../package.json', import.meta.url))
const wasm = require.resolve('harfbuzzjs/dist/harfbuzz.wasm')
const version = (JSON.parse(readFileSync(join(dirname(wasm), '../package.json'), 'utf8')) as { version: string }).version
if (version !== HARFBUZZJS_VERSION) throw new Error(`harfbuzzjs ${version} is installed; this script pins ${HARFBUZZJS_VERSION}`)
const out = fileURLToPath(new URL('../src/hb.wasm', import.meta.url))
copyFileSync(wasm, out)
const module = new WebAssembly.Module(readFileSync(out))
console.log(`${out}: harfbuzzjs ${version}; imports ${WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}`).join(', ')}`)
