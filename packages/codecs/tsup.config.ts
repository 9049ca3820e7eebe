import { copyFile, mkdir } from 'node:fs/promises'
import { defineConfig } from 'tsup'
import { packageBuild } from '../../tsup.base.js'

export default defineConfig(
  packageBuild(['src/index.ts', 'src/testing.ts', 'src/node.ts'], {
    node: true,
    // our own WASM builds (native/*/build.sh) live in src/wasm; the bundled code looks for them in
    // ./wasm beside itself (turbo.ts locateFile, node.ts nodeWasmPath), so dist/wasm mirrors src/wasm
    async onSuccess() {
      await mkdir('dist/wasm', { recursive: true })
      await copyFile('src/wasm/libjpeg_turbo.wasm', 'dist/wasm/libjpeg_turbo.wasm')
    },
  }),
)
