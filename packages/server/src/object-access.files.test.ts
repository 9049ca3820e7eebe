// readableFile: an object's body handed to an image worker as its open file passes exactly the
// checks of readBytes (the ACL before existence, the size cap), and is taken from the very open
// that decided the ACL, once.
import { readSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createMemoryStorage } from '@imgproc/storage'
import { createFileStorage } from '@imgproc/storage/node-fs'
import type { StorageAdapter } from '@imgproc/types'
import type { Caller } from './auth/index.js'
import { createObjectAccess } from './object-access.js'

const parent = await mkdtemp(join(tmpdir(), 'imgproc-access-files-'))
afterAll(() => rm(parent, { recursive: true, force: true }))

const owner: Caller = { anonymous: false, accessKeyId: 'owner', scheme: 'oss-v1-header', signedParams: new Set() }
const anonymous: Caller = { anonymous: true }
const utf8 = (text: string) => new TextEncoder().encode(text)

async function seeded(storage: StorageAdapter) {
  await storage.createBucket('pub', { acl: 'public-read' })
  await storage.createBucket('priv', { acl: 'private' })
  await storage.put('pub', 'k', utf8('public body'))
  await storage.put('pub', 'hidden', utf8('private object in a public bucket'), { acl: 'private' })
  await storage.put('pub', 'big', new Uint8Array(2048))
  await storage.put('priv', 'k', utf8('secret'))
  return storage
}
const files = () => seeded(createFileStorage({ root: join(parent, Math.random().toString(36).slice(2)), orphanSweepIntervalMs: 0 }))
const access = (storage: StorageAdapter, caller: Caller) => createObjectAccess({ storage, caller, signal: new AbortController().signal, maxReadBytes: 1024 })

describe('readableFile', () => {
  it('hands over the open file of the version the ACL was decided on, once', async () => {
    const reads = access(await files(), anonymous)
    const taken = (await reads.readableFile('pub', 'k'))!
    expect(taken.meta).toMatchObject({ key: 'k', size: 11 })
    const bytes = Buffer.alloc(taken.file.length)
    readSync(taken.file.fd, bytes, 0, taken.file.length, taken.file.start)
    expect(bytes.toString()).toBe('public body')
    // the request's end does not close a file that is the taker's now
    reads.release()
    expect(readSync(taken.file.fd, Buffer.alloc(1), 0, 1, 0)).toBe(1)
    taken.file.close()
    // taken once: another read of the same object opens it again
    expect(new TextDecoder().decode((await reads.readBytes('pub', 'k')).bytes)).toBe('public body')
  })

  it('hands over the version the ACL was decided on, even when a new one replaces it meanwhile', async () => {
    const storage = await files()
    const reads = access(storage, anonymous)
    await reads.readableMeta('pub', 'k')
    await storage.put('pub', 'k', utf8('a newer, private body'), { acl: 'private' })
    const taken = (await reads.readableFile('pub', 'k'))!
    const bytes = Buffer.alloc(taken.file.length)
    readSync(taken.file.fd, bytes, 0, taken.file.length, taken.file.start)
    taken.file.close()
    expect(bytes.toString()).toBe('public body')
    expect(taken.meta.size).toBe(11)
  })

  it("refuses exactly as readBytes does: the ACL first (a missing key looks like a private one), then the size cap", async () => {
    const storage = await files()
    for (const [bucket, key] of [['priv', 'k'], ['priv', 'missing'], ['pub', 'hidden']] as const) {
      await expect(access(storage, anonymous).readableFile(bucket, key), `${bucket}/${key}`).rejects.toMatchObject({ code: 'AccessDenied' })
    }
    await expect(access(storage, anonymous).readableFile('pub', 'missing')).rejects.toMatchObject({ code: 'NoSuchKey' })
    await expect(access(storage, owner).readableFile('pub', 'big')).rejects.toMatchObject({ code: 'ImageTooLarge' })
    const taken = (await access(storage, owner).readableFile('priv', 'k'))!
    taken.file.close()
    expect(taken.meta.size).toBe(6)
  })

  it('is undefined with an adapter that holds no files, and the bytes are read as before', async () => {
    const reads = access(await seeded(createMemoryStorage()), anonymous)
    expect(await reads.readableFile('pub', 'k')).toBeUndefined()
    expect(new TextDecoder().decode((await reads.readBytes('pub', 'k')).bytes)).toBe('public body')
    await expect(reads.readableFile('priv', 'k')).rejects.toMatchObject({ code: 'AccessDenied' })
  })
})
