import { defineConfig } from 'tsup'

export default defineConfig({
  entry: { index: 'src/index.ts', 'runtime/node': 'src/runtime/node.ts' },
  format: ['esm'],
  dts: { compilerOptions: { composite: false, types: ['node'] } },
  tsconfig: '../../tsconfig.build.json',
  clean: true,
  sourcemap: true,
  target: 'es2022',
})
