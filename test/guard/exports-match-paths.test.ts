import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { sourceAliases } from './source-aliases.js'

// Every export of every package must resolve to a source file, and the root tsconfig must map it
// the same way vitest does; otherwise typecheck and tests silently read different files (or dist).
const root = fileURLToPath(new URL('../../', import.meta.url))
const packages = readdirSync(`${root}packages`)
  .filter((name) => existsSync(`${root}packages/${name}/package.json`))
  .map((name) => ({ dir: `packages/${name}`, manifest: JSON.parse(readFileSync(`${root}packages/${name}/package.json`, 'utf8')) }))
const tsconfig = JSON.parse(readFileSync(`${root}tsconfig.json`, 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } }

describe('package exports, source files and tsconfig paths agree', () => {
  const aliases = sourceAliases(packages)

  it('finds the exports', () => {
    expect(aliases.map((a) => a.specifier)).toContain('@imgproc/types')
  })

  for (const { specifier, source } of aliases) {
    it(`${specifier} -> ${source}`, () => {
      expect(existsSync(`${root}${source}`), `${source} exists`).toBe(true)
      const paths = tsconfig.compilerOptions.paths
      const mapped = paths[specifier] ?? (specifier.split('/').length === 2 ? paths['@imgproc/*']?.map((p) => p.replace('*', specifier.split('/')[1]!)) : undefined)
      expect(mapped, `tsconfig paths for ${specifier}`).toEqual([source])
    })
  }
})
