import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createFileStorage } from './node-fs.js'
import { treeOf } from './node-fs-testing.js'
import { testResultStorage } from './testing-results.js'

const parent = await mkdtemp(join(tmpdir(), 'imgproc-fs-results-'))
afterAll(() => rm(parent, { recursive: true, force: true }))

testResultStorage('filesystem', () => createFileStorage({ root: join(parent, 'suite'), orphanSweepIntervalMs: 0 }), { tag: 'fs' })

describe('filesystem results', () => {
  const name = '0'.repeat(64)

  it('keeps results in <bucket>/r/, leaves no temp file, and never brings a deleted bucket back', async () => {
    const root = join(parent, 'layout')
    const storage = createFileStorage({ root, orphanSweepIntervalMs: 0 })
    await storage.createBucket('bkt')
    await storage.put('bkt', 'photo.jpg', new Uint8Array([1]))
    await storage.results!.put('bkt', name, new Uint8Array([1, 2]))
    expect((await treeOf(root)).filter((path) => path.startsWith('bkt/r'))).toEqual(['bkt/r', `bkt/r/${name}`])
    expect((await readdir(join(root, 'bkt'))).filter((n) => n.startsWith('~'))).toEqual([])
    expect((await storage.list('bkt')).objects.map((o) => o.key)).toEqual(['photo.jpg'])
    await storage.delete('bkt', 'photo.jpg')
    await storage.deleteBucket('bkt')
    await expect(storage.results!.put('bkt', name, new Uint8Array([3]))).rejects.toMatchObject({ code: 'NoSuchBucket' })
    expect(await storage.headBucket('bkt')).toBeNull()
    expect((await readdir(root)).filter((n) => n === 'bkt')).toEqual([])
    await storage.close()
  })
})
