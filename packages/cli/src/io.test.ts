import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { pendingTemps, readInput, writeFileAtomic, writeOutput } from './io.js'

const noStdin = { stdin: (async function* () {})() }

describe('readInput', () => {
  it('reads standard input for -', async () => {
    const stdin = (async function* () {
      yield Uint8Array.of(1, 2)
      yield Uint8Array.of(3)
    })()
    expect([...(await readInput('-', { stdin }))]).toEqual([1, 2, 3])
  })
  it('names a missing file NoSuchKey', async () => {
    await expect(readInput('/nonexistent/x.jpg', noStdin)).rejects.toMatchObject({ code: 'NoSuchKey' })
  })
  it('refuses a folder with BadRequest', async () => {
    await expect(readInput(tmpdir(), noStdin)).rejects.toMatchObject({ code: 'BadRequest' })
  })
})

describe('writeFileAtomic', () => {
  it('replaces the target and leaves no temp file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'imgproc-cli-'))
    const target = join(dir, 'sub', 'out.webp')
    await writeFileAtomic(target, Uint8Array.of(1))
    await writeFileAtomic(target, Uint8Array.of(2, 3))
    expect([...(await readFile(target))]).toEqual([2, 3])
    expect(await readdir(join(dir, 'sub'))).toEqual(['out.webp'])
    expect(pendingTemps.size).toBe(0)
  })
  it('leaves the old file alone when the write fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'imgproc-cli-'))
    const target = join(dir, 'out.png')
    await writeFile(target, 'old')
    // a folder where the temp file's parent should be: the open fails
    await expect(writeFileAtomic(join(target, 'x.png'), Uint8Array.of(1))).rejects.toThrow()
    expect(await readFile(target, 'utf8')).toBe('old')
  })
})

describe('writeOutput', () => {
  it('writes to standard output for -', async () => {
    const chunks: unknown[] = []
    await writeOutput('-', Uint8Array.of(9), { stdout: { write: (c: unknown) => chunks.push(c) } })
    expect(chunks).toEqual([Uint8Array.of(9)])
  })
})
