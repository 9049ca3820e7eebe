/**
 * Writes packages/codecs/src/formats/libheif-glue.js from the installed libheif-js (glue-module.ts
 * says what changes and why). Run after upgrading libheif-js (and set LIBHEIF_JS_VERSION):
 *
 *   pnpm exec tsx packages/codecs/native/libheif-glue/build.ts
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { glueModule, LIBHEIF_JS_VERSION } from './glue-module.js'

const require = createRequire(new URL('../../package.json', import.meta.url))
const OUT = fileURLToPath(new URL('../../src/formats/libheif-glue.js', import.meta.url))

const version = (JSON.parse(readFileSync(require.resolve('libheif-js/package.json'), 'utf8')) as { version: string }).version
if (version !== LIBHEIF_JS_VERSION) throw new Error(`libheif-js ${version} is installed; glue-module.ts says ${LIBHEIF_JS_VERSION}`)
writeFileSync(OUT, glueModule(readFileSync(require.resolve('libheif-js/libheif-wasm/libheif.js'), 'utf8')))
console.log(`${OUT}: libheif-js ${version}`)
