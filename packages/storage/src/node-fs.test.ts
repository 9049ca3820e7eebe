import { mkdtemp, readdir, rm, writeFile, truncate } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createFileStorage } from './node-fs.js'
import { keySegments } from './node-fs-layout.js'
import { treeOf } from './node-fs-testing.js'
import { testStorageAdapter } from './testing.js'
import { trickyKeys } from './testing-helpers.js'
import { bodyText, utf8 } from './testing-helpers.js'

const parent = await mkdtemp(join(tmpdir(), 'imgproc-fs-'))
const root = join(parent, 'data')
afterAll(() => rm(parent, { recursive: true, force: true }))

testStorageAdapter('filesystem', (options) => createFileStorage({ root, ...options }), { tag: 'fs' })

describe('filesystem adapter specifics', () => {
  it('keeps every file of tricky names inside the bucket folder', async () => {
    const storage = createFileStorage({ root: join(parent, 'escape') })
    await storage.createBucket('bkt')
    for (const key of trickyKeys()) await storage.put('bkt', key, utf8(key))
    // nothing appeared next to the data folder, in /tmp, or outside the bucket's object folder
    for (const name of await readdir(parent)) expect(['data', 'escape', 'hidden', 'shared']).toContain(name)
    for (const file of await treeOf(join(parent, 'escape'))) expect(file === 'bkt' || file.startsWith('bkt/'), file).toBe(true)
    await expect(readdir('/tmp/imgproc-escape')).rejects.toThrow()
  })

  it('hides temporary files and treats a truncated object file as missing', async () => {
    const storage = createFileStorage({ root: join(parent, 'hidden') })
    await storage.createBucket('bkt')
    await storage.put('bkt', 'ok', utf8('fine'))
    await storage.put('bkt', 'broken', utf8('will be cut'))
    const objects = join(parent, 'hidden', 'bkt', 'o')
    await writeFile(join(objects, '~tmp-left-by-a-crash'), 'partial')
    await truncate(join(objects, keySegments('broken')[0]!), 5)
    const listed = await storage.list('bkt')
    expect(listed.objects.map((o) => o.key)).toEqual(['ok'])
    expect(await storage.get('bkt', 'broken')).toBeNull()
    expect(await bodyText(await storage.get('bkt', 'ok'))).toBe('fine')
    // the bucket holds no object any more once 'ok' is gone: the leftovers do not count
    await storage.delete('bkt', 'ok')
    await storage.delete('bkt', 'broken')
    await storage.deleteBucket('bkt')
    expect(await storage.headBucket('bkt')).toBeNull()
  })

  it('sees what another instance on the same folder wrote (no private cache)', async () => {
    const one = createFileStorage({ root: join(parent, 'shared') })
    const two = createFileStorage({ root: join(parent, 'shared') })
    await one.createBucket('bkt')
    await one.put('bkt', 'k', utf8('from one'))
    await one.putStyle('bkt', { name: 's', content: 'image/resize,w_1' })
    expect(await bodyText(await two.get('bkt', 'k'))).toBe('from one')
    expect((await two.getStyle('bkt', 's'))?.content).toBe('image/resize,w_1')
  })
})
