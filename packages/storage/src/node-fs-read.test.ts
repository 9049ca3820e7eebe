// How the filesystem adapter reads objects (node-fs-read.ts): small bodies whole with their
// metadata, larger ones and big ranges streamed, long trailers, and no descriptor left open.
import { readSync } from 'node:fs'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { bytePoolStats, ownsWholeBuffer, pooledCapacity, recycleBytes, takeBytes, type StoredObject } from '@imgproc/types'
import { createFileStorage } from './node-fs.js'
import { bodyText, utf8 } from './testing-helpers.js'

const parent = await mkdtemp(join(tmpdir(), 'imgproc-fs-read-'))
afterAll(() => rm(parent, { recursive: true, force: true }))

async function storageWith(name: string, wholeReadBytes?: number) {
  const storage = createFileStorage({ root: join(parent, name), ...(wholeReadBytes === undefined ? {} : { wholeReadBytes }) })
  await storage.createBucket('bkt')
  return storage
}

const openDescriptors = async () => (await readdir('/proc/self/fd')).length

function stored(value: unknown): StoredObject {
  if (value === null || (value as { notModified?: boolean }).notModified) throw new Error('expected an object')
  return value as StoredObject
}

describe('filesystem adapter reads', () => {
  it('gives a small body as bytes too, equal to its stream', async () => {
    const storage = await storageWith('small')
    await storage.put('bkt', 'k', utf8('hello world'), { contentType: 'text/plain' })
    const got = stored(await storage.get('bkt', 'k'))
    expect(new TextDecoder().decode(got.bytes)).toBe('hello world')
    expect(got.contentType).toBe('text/plain')
    expect(await bodyText(got)).toBe('hello world')
  })

  it('streams a body over wholeReadBytes, and reads a small range of it at once', async () => {
    const storage = await storageWith('large', 8)
    await storage.put('bkt', 'k', utf8('0123456789abcdef'))
    const whole = stored(await storage.get('bkt', 'k'))
    expect(whole.bytes).toBeUndefined()
    expect(await bodyText(whole)).toBe('0123456789abcdef')
    const small = stored(await storage.get('bkt', 'k', { range: { start: 2, end: 5 } }))
    expect(new TextDecoder().decode(small.bytes)).toBe('2345')
    expect(small.range).toEqual({ start: 2, end: 5 })
    const large = stored(await storage.get('bkt', 'k', { range: { suffix: 10 } }))
    expect(large.bytes).toBeUndefined()
    expect(await bodyText(large)).toBe('6789abcdef')
  })

  it('reads a body whole into the start of a byte-pool buffer of its own (movable whole), with nothing of the trailer after it', async () => {
    const storage = await storageWith('own-buffer')
    const large = new Uint8Array(300 * 1024).map((_, i) => (i * 7) & 255)
    await storage.put('bkt', 'large', large, { userMeta: { note: 'kept' } })
    const gotten = stored(await storage.get('bkt', 'large')).bytes!
    const opened = await (await storage.open!('bkt', 'large'))!.read()
    for (const bytes of [gotten, opened]) {
      expect(bytes).toEqual(large)
      expect(ownsWholeBuffer(bytes)).toBe(true)
      expect(new Uint8Array(bytes.buffer, bytes.length).every((byte) => byte === 0)).toBe(true)
    }
    await storage.put('bkt', 'small', utf8('hello'), { userMeta: { secret: 'not past the body' } })
    const small = stored(await storage.get('bkt', 'small'))
    expect(new TextDecoder().decode(small.bytes)).toBe('hello')
    expect(ownsWholeBuffer(small.bytes!)).toBe(true)
    expect(new Uint8Array(small.bytes!.buffer, 5).every((byte) => byte === 0)).toBe(true)
  })

  it('leaves nothing of an earlier object in a reused buffer: past the body it is all zero', async () => {
    const storage = await storageWith('reused-buffer')
    const body = new Uint8Array(200_000).fill(1)
    await storage.put('bkt', 'k', body, { userMeta: { note: 'in the trailer' } })
    // a buffer of the class this read takes, full of another object's bytes, back from a worker
    const earlier = takeBytes(pooledCapacity(200_500)).fill(0xff)
    recycleBytes(structuredClone(earlier.buffer, { transfer: [earlier.buffer as ArrayBuffer] }) as ArrayBuffer)
    const idleBefore = bytePoolStats().buffers
    const got = stored(await storage.get('bkt', 'k')).bytes!
    expect(bytePoolStats().buffers).toBe(idleBefore - 1) // this read took it
    expect(got).toEqual(body)
    expect(new Uint8Array(got.buffer, got.length).every((byte) => byte === 0)).toBe(true)
  })

  it('reads metadata longer than the tail window (a second read)', async () => {
    const storage = await storageWith('long-trailer')
    const userMeta = { big: 'x'.repeat(6000) }
    await storage.put('bkt', 'k', utf8('body'), { userMeta })
    expect((await storage.head('bkt', 'k'))?.userMeta).toEqual(userMeta)
    const got = stored(await storage.get('bkt', 'k'))
    expect(got.userMeta).toEqual(userMeta)
    expect(new TextDecoder().decode(got.bytes)).toBe('body')
  })

  it('closes every file it opened: reads, heads, 304s, cancelled streams, misses', async () => {
    const storage = await storageWith('descriptors', 4)
    await storage.put('bkt', 'k', utf8('0123456789'))
    const { etag } = (await storage.head('bkt', 'k'))!
    const before = await openDescriptors()
    for (let i = 0; i < 50; i++) {
      await storage.head('bkt', 'k')
      await bodyText(await storage.get('bkt', 'k'))
      expect(await storage.get('bkt', 'k', { ifNoneMatch: etag })).toMatchObject({ notModified: true })
      await stored(await storage.get('bkt', 'k')).body.cancel()
      await storage.get('bkt', 'k', { range: { start: 1, end: 2 } })
      await expect(storage.get('bkt', 'k', { range: { start: 99 } })).rejects.toMatchObject({ code: 'InvalidRange' })
      expect(await storage.get('bkt', 'missing')).toBeNull()
      await storage.setObjectAcl('bkt', 'k', i % 2 ? 'private' : 'default')
    }
    // a margin: every close is synchronous now (a cancelled stream closes once its read settles)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(await openDescriptors()).toBeLessThanOrEqual(before)
  })

  it('reports a missing bucket before a bad key, and a missing one on put', async () => {
    const storage = await storageWith('order')
    await expect(storage.get('nobkt', '')).rejects.toMatchObject({ code: 'NoSuchBucket' })
    await expect(storage.get('bkt', '')).rejects.toMatchObject({ code: 'InvalidObjectName' })
    await expect(storage.put('nobkt', 'a/b/c', utf8('x'))).rejects.toMatchObject({ code: 'NoSuchBucket' })
    await expect(storage.head('nobkt', 'k')).rejects.toMatchObject({ code: 'NoSuchBucket' })
    expect(await storage.head('bkt', 'k')).toBeNull()
  })

  it('open holds one descriptor until the body is read or the object closed, and never leaks one', async () => {
    const storage = await storageWith('open')
    await storage.put('bkt', 'big', new Uint8Array(200 * 1024).fill(3))
    const before = await openDescriptors()
    const opened = await Promise.all(Array.from({ length: 20 }, () => storage.open!('bkt', 'big')))
    expect(await openDescriptors()).toBe(before + 20)
    await Promise.all(opened.slice(0, 10).map(async (o) => expect((await o!.read()).length).toBe(200 * 1024)))
    for (const o of opened.slice(10)) o!.close()
    // closes are synchronous: nothing stays open once read() has resolved or close() returned
    expect(await openDescriptors()).toBe(before)
  })

  it("hands an opened object's body over as its open file: the body's range, closed by the taker only", async () => {
    const storage = await storageWith('take-file')
    const body = new Uint8Array(100 * 1024).map((_, i) => (i * 13) & 255)
    await storage.put('bkt', 'k', body, { userMeta: { note: 'trailer after the body' } })
    const before = await openDescriptors()
    const opened = (await storage.open!('bkt', 'k'))!
    const file = opened.takeFile!()!
    expect(file).toMatchObject({ start: 0, length: body.length })
    const read = Buffer.alloc(file.length)
    expect(readSync(file.fd, read, 0, file.length, file.start)).toBe(file.length)
    expect(new Uint8Array(read)).toEqual(body)
    // the object's own close and read no longer touch the descriptor, nor can it be taken twice
    opened.close()
    expect(opened.takeFile!()).toBeUndefined()
    await expect(opened.read()).rejects.toMatchObject({ code: 'InternalError' })
    expect(await openDescriptors()).toBe(before + 1)
    file.close()
    file.close()
    expect(await openDescriptors()).toBe(before)
    // an object read or closed has no file to take
    const readFirst = (await storage.open!('bkt', 'k'))!
    await readFirst.read()
    expect(readFirst.takeFile!()).toBeUndefined()
    const closedFirst = (await storage.open!('bkt', 'k'))!
    closedFirst.close()
    expect(closedFirst.takeFile!()).toBeUndefined()
    expect(await openDescriptors()).toBe(before)
  })
})
