import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { describeActions } from './describe.js'

describe('describeActions', () => {
  const table = describeActions()

  it('has one row per parameter with its ranges per dialect', () => {
    expect(table).toContain('| `resize` | `w` | OSS 1…16384; OBS 1…9999 |  | target width |')
    expect(table).toContain('| `watermark` | `g` | OSS nw north ne west center east sw south se; OBS tl top tr left center right bl bottom br | OSS `se`, OBS `tl` | anchor cell |')
    expect(table).toContain('| `info` | only action of the chain |')
  })

  it('is the table in the package README (regenerate it there after a schema change)', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
    const start = readme.indexOf('<!-- actions:start -->')
    const end = readme.indexOf('<!-- actions:end -->')
    expect(start).toBeGreaterThan(0)
    expect(readme.slice(start + '<!-- actions:start -->'.length, end).trim()).toBe(table)
  })
})
