import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// auth/ and metrics/ must run on Node, Deno, Bun and Workers: only files named node*.ts may use
// Node APIs (the same rule the core packages' guard test enforces).
const NODE_ONLY = /\bfrom\s+['"]node:|\bimport\(\s*['"]node:|\bBuffer\s*[.(]|\bprocess\s*\.\s*(env|argv|cwd|exit|versions|nextTick|hrtime)\b/

describe('auth and metrics are runtime-agnostic', () => {
  for (const folder of ['auth', 'metrics']) {
    it(`${folder}/ uses Web-standard APIs outside node*.ts and tests`, () => {
      const dir = fileURLToPath(new URL(`../${folder}/`, import.meta.url))
      const offenders = readdirSync(dir)
        .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.startsWith('node'))
        .filter((name) => NODE_ONLY.test(readFileSync(`${dir}${name}`, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')))
      expect(offenders).toEqual([])
    })
  }
})
