import { defineConfig } from 'tsup'

export default defineConfig({
  // named entries keep node-worker.js beside node.js, where the pool looks for it
  entry: {
    index: 'src/index.ts',
    node: 'src/node.ts',
    'node-worker': 'src/serve/node-worker.ts',
    'playground/index': 'src/playground/index.ts',
    'playground/node-assets': 'src/playground/node-assets.ts',
  },
  format: ['esm'],
  dts: {
    entry: {
      index: 'src/index.ts',
      node: 'src/node.ts',
      'playground/index': 'src/playground/index.ts',
      'playground/node-assets': 'src/playground/node-assets.ts',
    },
    compilerOptions: { composite: false, types: ['node'] },
  },
  tsconfig: '../../tsconfig.build.json',
  clean: true,
  sourcemap: true,
  target: 'es2022',
})
