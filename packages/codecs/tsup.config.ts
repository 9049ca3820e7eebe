import { copyFile, mkdir } from 'node:fs/promises'
import { defineConfig } from 'tsup'
import { packageBuild } from '../../tsup.base.js'

// Our own Emscripten builds (native/<lib>/build.sh): glue + .wasm, kept together as in src/wasm.
const OWN_WASM_GLUE = ['libjpeg_turbo']

export default defineConfig(
  packageBuild(['src/index.ts', 'src/testing.ts', 'src/node.ts'], {
    node: true,
    // omggif is patched (patches/omggif@1.0.10.patch: an LZW loop on damaged data), so the
    // patched copy is bundled into dist rather than left to whatever omggif an installer fetches.
    noExternal: ['omggif'],
    // The glue stays a separate file in dist/wasm beside its .wasm (not bundled), so its own
    // lookup (import.meta.url) finds the .wasm as it does in src/wasm and as the @jsquash glue does.
    esbuildPlugins: [
      {
        name: 'own-wasm-glue-external',
        setup(build) {
          build.onResolve({ filter: /\/wasm\/[\w-]+\.js$/ }, (args) => ({ path: args.path, external: true }))
        },
      },
    ],
    async onSuccess() {
      await mkdir('dist/wasm', { recursive: true })
      for (const name of OWN_WASM_GLUE) {
        await copyFile(`src/wasm/${name}.js`, `dist/wasm/${name}.js`)
        await copyFile(`src/wasm/${name}.wasm`, `dist/wasm/${name}.wasm`)
      }
    },
  }),
)
