import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { publishBucketDir, retireBucketDir } from './node-fs-bucket-dirs.js'
import { readBucketInfo } from './node-fs-settings.js'
import { treeOf } from './node-fs-testing.js'

const root = await mkdtemp(join(tmpdir(), 'imgproc-bucket-dirs-'))
afterAll(() => rm(root, { recursive: true, force: true }))

describe('bucket folders of the filesystem adapter', () => {
  it('publishes and retires a bucket in one step each, leaving no temp or trash folder', async () => {
    expect(await publishBucketDir(root, 'bkt', { acl: 'public-read', createdAt: 5 })).toBe(true)
    expect(await readBucketInfo(join(root, 'bkt'), 'bkt')).toEqual({ name: 'bkt', acl: 'public-read', createdAt: new Date(5) })
    // already there: false, the existing settings kept, the temp folder gone
    expect(await publishBucketDir(root, 'bkt', { acl: 'private', createdAt: 6 })).toBe(false)
    expect((await readBucketInfo(join(root, 'bkt'), 'bkt'))?.acl).toBe('public-read')
    expect(await treeOf(root)).toEqual(['bkt', 'bkt/bucket.json', 'bkt/o'])
    await retireBucketDir(root, 'bkt')
    expect(await treeOf(root)).toEqual([])
  })

  it('removes its temp folder when publishing fails for another reason', async () => {
    await writeFile(join(root, 'file'), 'a file where the bucket folder would go')
    await expect(publishBucketDir(join(root, 'file'), 'bkt', { acl: 'private', createdAt: 1 })).rejects.toThrow()
    expect(await treeOf(root)).toEqual(['file'])
  })
})
