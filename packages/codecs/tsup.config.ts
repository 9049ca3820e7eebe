import { copyFile } from 'node:fs/promises'
import { defineConfig } from 'tsup'
import { packageBuild } from '../../tsup.base.js'
import { sourceWasmPath } from './src/node-wasm-sources.js'
import { WASM_FILES } from './src/wasm.js'

export default defineConfig(
  // node-index is the entry Node, Deno and Bun resolve (package.json "exports" conditions)
  packageBuild(['src/index.ts', 'src/node-index.ts', 'src/testing.ts', 'src/node.ts'], {
    node: true,
    // omggif is patched (patches/omggif@1.0.10.patch: an LZW loop on damaged data), so the
    // patched copy is bundled into dist rather than left to whatever omggif an installer fetches.
    // jsColorEngine likewise (patches/jscolorengine@1.6.1.patch: `http` in its browser field), and
    // bundling it is what lets a consumer's browser bundle skip its Node-only requires: in dist they
    // are esbuild's `__require("fs")` calls, which no bundler follows (they never run off Node).
    noExternal: ['omggif', 'jscolorengine'],
    // Every .wasm goes flat into dist/, beside the chunks whose `new URL('./<file>',
    // import.meta.url)` (src/wasm-urls.ts) point at it: Node, Deno and Bun read it there, bundlers
    // and browsers find it there, and the packed tarball carries it ("files": ["dist"]).
    async onSuccess() {
      for (const file of WASM_FILES) await copyFile(sourceWasmPath(file), `dist/${file}`)
    },
  }),
)
