import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { distProblem } from './built-dist.js'

describe('distProblem', () => {
  const made: string[] = []
  afterAll(async () => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))))

  async function pkg(files: Record<string, number>): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'imgproc-dist-'))
    made.push(dir)
    for (const [path, seconds] of Object.entries(files)) {
      await mkdir(join(dir, path, '..'), { recursive: true })
      await writeFile(join(dir, path), '')
      await utimes(join(dir, path), seconds, seconds)
    }
    return dir
  }

  it('accepts a dist/ newer than every source file (tests aside)', async () => {
    expect(distProblem(await pkg({ 'src/a.ts': 100, 'src/deep/b.ts': 150, 'src/a.test.ts': 900, 'dist/a.js': 200 }), '@x/a')).toBeUndefined()
  })

  it('names a missing, empty or stale dist/', async () => {
    expect(distProblem(await pkg({ 'src/a.ts': 100 }), '@x/a')).toBe('@x/a has no dist/: run pnpm build')
    expect(distProblem(await pkg({ 'src/a.ts': 300, 'dist/a.js': 200 }), '@x/a')).toBe("@x/a's dist/ is older than its src/: run pnpm build")
  })
})
