import { readdirSync, existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Tests run against source, never a stale dist/: every `@imgproc/<pkg>` import
// (and its subpaths) is aliased to packages/<pkg>/src.
const root = fileURLToPath(new URL('.', import.meta.url))
const packages = readdirSync(`${root}packages`).filter((name) =>
  existsSync(`${root}packages/${name}/src/index.ts`),
)
const alias = packages.flatMap((name) => [
  { find: new RegExp(`^@imgproc/${name}$`), replacement: `${root}packages/${name}/src/index.ts` },
  { find: new RegExp(`^@imgproc/${name}/(.+)$`), replacement: `${root}packages/${name}/src/$1.ts` },
])

export default defineConfig({
  resolve: { alias },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts', 'benchmarks/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
})
