import { defineConfig } from 'tsup'

// main.ts is the `imgproc` bin (it keeps its #!/usr/bin/env node line); index.ts re-exports
// main() and COMMANDS for embedding and tests.
export default defineConfig({
  entry: ['src/index.ts', 'src/main.ts'],
  format: ['esm'],
  dts: { compilerOptions: { composite: false, types: ['node'] } },
  tsconfig: '../../tsconfig.build.json',
  clean: true,
  sourcemap: true,
  target: 'es2022',
})
