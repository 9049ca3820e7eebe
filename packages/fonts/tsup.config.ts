import { cp, copyFile } from 'node:fs/promises'
import { defineConfig } from 'tsup'
import { packageBuild } from '../../tsup.base.js'

export default defineConfig(
  // node-index is the entry Node, Deno and Bun resolve (package.json "exports" conditions)
  packageBuild(['src/index.ts', 'src/node-index.ts', 'src/node.ts'], {
    node: true,
    // the fonts and hb.wasm go where src/asset-url.ts's `new URL(...)` looks: beside the chunks
    async onSuccess() {
      await cp('src/fonts', 'dist/fonts', { recursive: true })
      await copyFile('src/hb.wasm', 'dist/hb.wasm')
    },
  }),
)
