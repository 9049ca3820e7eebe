import { copyFile, mkdir } from 'node:fs/promises'
import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts', 'src/testing.ts', 'src/node.ts'],
  format: ['esm'],
  dts: { compilerOptions: { composite: false, types: ['node'] } },
  tsconfig: '../../tsconfig.build.json',
  clean: true,
  sourcemap: true,
  target: 'es2022',
  // our own WASM builds (native/*/build.sh) live in src/wasm; the bundled code looks for them in
  // ./wasm beside itself (turbo.ts locateFile, node.ts nodeWasmPath), so dist/wasm mirrors src/wasm
  async onSuccess() {
    await mkdir('dist/wasm', { recursive: true })
    await copyFile('src/wasm/libjpeg_turbo.wasm', 'dist/wasm/libjpeg_turbo.wasm')
  },
})
