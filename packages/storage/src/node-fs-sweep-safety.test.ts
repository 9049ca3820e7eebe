/**
 * What the orphan sweep must never touch, even when it is old enough to look abandoned: anything
 * outside the root, names the adapter does not produce, user objects whose keys look like temp
 * names (keys are percent-encoded, so their files never start with `~`), the wrong kind of entry
 * in a place, folders that are not the adapter's, and anything through a symlink.
 */
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { keySegments, TEMP_PREFIX, TRASH_PREFIX } from './node-fs-layout.js'
import { tempName } from './node-fs-temp-names.js'
import { age, plant, storageWithBucket, treeOf } from './node-fs-testing.js'
import { bodyText, utf8 } from './testing-helpers.js'

const OLD = 24 * 3_600_000
const outer = await mkdtemp(join(tmpdir(), 'imgproc-sweep-safety-'))
afterAll(() => rm(outer, { recursive: true, force: true }))

describe('filesystem adapter orphan sweep: what it leaves alone', () => {
  it('touches nothing outside the root, nothing not its own, nothing through a symlink', async () => {
    const { root, storage, bucket, objects } = await storageWithBucket(join(outer, 'data'))
    const tmp = () => tempName(TEMP_PREFIX)

    // user objects named like temp files: stored as `%7Etmp-…~o`, so never taken for one
    const keys = ['~tmp-x', tmp(), `${TRASH_PREFIX}0123456789abcdef`, `a/${tmp()}`]
    for (const key of keys) {
      await storage.put('bkt', key, utf8(key))
      await age(join(objects, ...keySegments(key)), OLD)
    }

    // outside the root: a `~tmp-x` next to it, and names the adapter does produce
    await plant(join(outer, '~tmp-x'), OLD)
    await plant(join(outer, tmp()), OLD)
    const outside = join(outer, 'outside')
    await plant(join(outside, 'victim.txt'), OLD)
    await plant(join(outside, tmp()), OLD)
    await plant(join(outside, 'o', tmp()), OLD)
    await plant(join(outside, 'o', 'x~d', tmp()), OLD)

    // symlinks where the adapter would remove or descend: neither the link nor its target goes
    await symlink(outside, join(root, tmp()))
    await symlink(outside, join(root, tempName(TRASH_PREFIX)))
    await symlink(join(outside, 'victim.txt'), join(objects, tmp()))
    await symlink(join(outside, 'victim.txt'), join(bucket, tmp()))
    await symlink(outside, join(root, 'linked-bucket'))
    await symlink(join(outside, 'o'), join(bucket, 'o-link'))
    await symlink(join(outside, 'o', 'x~d'), join(objects, 'x~d'))

    // inside the root but not the adapter's names
    for (const name of ['~tmp-x', '~tmp-', '~trash-', '~tmp-0123456789ABCDEF']) {
      await plant(join(objects, name), OLD)
      await plant(join(bucket, name), OLD)
    }
    await plant(join(root, '~tmp-x'), OLD, true)
    // the adapter's names, but not what it creates in that place (a folder for a file, a file for a folder)
    await plant(join(objects, tmp()), OLD, true)
    await plant(join(bucket, tmp()), OLD, true)
    await plant(join(root, tmp()), OLD)
    // folders the adapter does not make: not a bucket name, not `o`, not a chunk
    await plant(join(root, 'Not_A_Bucket', 'o', tmp()), OLD)
    await plant(join(root, 'ab', 'o', tmp()), OLD)
    await plant(join(bucket, 'other', tmp()), OLD)
    await plant(join(objects, 'plain', tmp()), OLD)
    await mkdir(join(objects, 'empty~d'))

    const before = await treeOf(outer)
    const report = await storage.sweepOrphans()
    expect(report).toMatchObject({ removed: [], complete: true, failed: 0 })
    expect(await treeOf(outer)).toEqual(before)
    for (const key of keys) expect(await bodyText(await storage.get('bkt', key))).toBe(key)
    expect((await storage.list('bkt')).objects.map((o) => o.key).sort()).toEqual([...keys].sort())
  })
})
