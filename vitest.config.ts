import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { sourceAliases } from './test/guard/source-aliases.js'

// Tests run against source, never a stale dist/: every `@imgproc/<pkg>` import and each subpath
// its package.json exports is aliased to the matching file under packages/<pkg>/src.
const root = fileURLToPath(new URL('.', import.meta.url))
const manifests = readdirSync(`${root}packages`)
  .filter((name) => existsSync(`${root}packages/${name}/package.json`))
  .map((name) => ({ dir: `${root}packages/${name}`, manifest: JSON.parse(readFileSync(`${root}packages/${name}/package.json`, 'utf8')) }))

export default defineConfig({
  resolve: {
    alias: sourceAliases(manifests).map(({ specifier, source }) => ({
      find: new RegExp(`^${specifier.replace(/[/.]/g, '\\$&')}$`),
      replacement: source,
    })),
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts', 'benchmarks/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    pool: 'forks',
  },
})
