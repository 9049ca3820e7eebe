import { defineConfig } from 'tsup'

export default defineConfig({
  // named entries keep node-worker.js and node-cluster-child.js beside node.js, where the pool and the cluster look for them
  entry: {
    index: 'src/index.ts',
    node: 'src/node.ts',
    'node-worker': 'src/serve/node-worker.ts',
    'node-cluster-child': 'src/serve/node-cluster-child.ts',
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
