// The one authorisation path for object reads (object-access.ts), as far as holding opened
// objects goes: with an adapter that has `open`, the metadata decision and the later body read
// are one open of one version, and nothing opened outlives its request.
import { initNode } from '@imgproc/codecs/node'
import { createMemoryStorage } from '@imgproc/storage'
import type { OpenedObject, StorageAdapter } from '@imgproc/types'
import { beforeAll, describe, expect, it } from 'vitest'
import { createHandler } from './app.js'
import type { Caller } from './auth/index.js'
import { makeDemoImage } from './demo.js'
import { createProcessor } from './engine-processor.js'
import { createObjectAccess } from './object-access.js'
import { ownerOrAnonymous } from './security/fixtures.js'

const owner: Caller = { anonymous: false, accessKeyId: 'owner', scheme: 'oss-v1-header', signedParams: new Set() }
const anonymous: Caller = { anonymous: true }
const utf8 = (text: string) => new TextEncoder().encode(text)

/** A memory adapter that counts its calls and every opened object not yet read or closed. */
function counting(storage: StorageAdapter, withOpen = true) {
  const calls = { open: 0, head: 0, get: 0 }
  const live = new Set<OpenedObject>()
  const adapter: StorageAdapter = {
    ...storage,
    head: (bucket, key) => (calls.head++, storage.head(bucket, key)),
    get: (bucket, key, options) => (calls.get++, storage.get(bucket, key, options)),
    open: withOpen
      ? async (bucket, key) => {
          calls.open++
          const opened = await storage.open!(bucket, key)
          if (!opened) return null
          live.add(opened)
          return {
            meta: opened.meta,
            read: () => (live.delete(opened), opened.read()),
            close: () => (live.delete(opened), opened.close()),
          }
        }
      : undefined,
  }
  if (!withOpen) delete adapter.open
  return { adapter, calls, live }
}

async function world(withOpen = true) {
  const storage = createMemoryStorage()
  await storage.createBucket('pub', { acl: 'public-read' })
  await storage.createBucket('priv', { acl: 'private' })
  await storage.put('pub', 'k', utf8('first'))
  await storage.put('priv', 'k', utf8('secret'))
  return { storage, ...counting(storage, withOpen) }
}

const access = (storage: StorageAdapter, caller: Caller) => createObjectAccess({ storage, caller, signal: new AbortController().signal, maxReadBytes: 1024 })

describe('object access with an adapter that opens objects', () => {
  it('decides on the opened metadata and reads that very version: one open, no head, no get', async () => {
    const { storage, adapter, calls, live } = await world()
    const reads = access(adapter, anonymous)
    const meta = await reads.readableMeta('pub', 'k')
    expect(meta.size).toBe(5)
    await storage.put('pub', 'k', utf8('second, longer')) // overwritten between the decision and the read
    const read = await reads.readBytes('pub', 'k')
    expect(new TextDecoder().decode(read.bytes)).toBe('first')
    expect(read.meta.etag).toBe(meta.etag)
    expect(calls).toEqual({ open: 1, head: 0, get: 0 })
    expect(live.size).toBe(0)
    // a second read of the same object (nothing held any more) is a get of the current version
    expect(new TextDecoder().decode((await reads.readBytes('pub', 'k')).bytes)).toBe('second, longer')
    expect(calls.get).toBe(1)
  })

  it('closes what it opened for a caller it refuses, and for a missing key', async () => {
    const { adapter, live } = await world()
    await expect(access(adapter, anonymous).readableMeta('priv', 'k')).rejects.toMatchObject({ code: 'AccessDenied' })
    await expect(access(adapter, anonymous).readableMeta('priv', 'none')).rejects.toMatchObject({ code: 'AccessDenied' })
    await expect(access(adapter, owner).readableMeta('priv', 'none')).rejects.toMatchObject({ code: 'NoSuchKey' })
    expect(live.size).toBe(0)
  })

  it('release closes an object decided on but never read; later decisions hold nothing', async () => {
    const { adapter, calls, live } = await world()
    const reads = access(adapter, owner)
    await reads.readableMeta('priv', 'k')
    expect(live.size).toBe(1)
    reads.release()
    expect(live.size).toBe(0)
    await reads.readableMeta('pub', 'k')
    expect(live.size).toBe(0)
    expect(new TextDecoder().decode((await reads.readBytes('pub', 'k')).bytes)).toBe('first')
    expect(calls.get).toBe(1)
  })

  it('a body over the limit is refused before it is read, and released with the request', async () => {
    const { storage, adapter, live } = await world()
    await storage.put('pub', 'big', new Uint8Array(2048))
    const reads = access(adapter, owner)
    await expect(reads.readBytes('pub', 'big')).rejects.toMatchObject({ code: 'ImageTooLarge' })
    reads.release()
    expect(live.size).toBe(0)
  })

  it('an adapter without open is headed, then read with get', async () => {
    const { adapter, calls } = await world(false)
    const reads = access(adapter, anonymous)
    await reads.readableMeta('pub', 'k')
    expect(new TextDecoder().decode((await reads.readBytes('pub', 'k')).bytes)).toBe('first')
    expect(calls).toEqual({ open: 0, head: 1, get: 1 })
  })
})

describe('nothing opened outlives its request (the handler)', () => {
  beforeAll(() => initNode())

  it('processed, cached, refused, missing, not-modified, HEAD and bad requests all leave nothing open', async () => {
    const { storage, adapter, calls, live } = await world()
    await storage.put('pub', 'img.jpg', await makeDemoImage({ width: 64, height: 48 }), { contentType: 'image/jpeg' })
    await storage.put('pub', 'hidden.jpg', await makeDemoImage({ width: 16, height: 16 }), { contentType: 'image/jpeg', acl: 'private' })
    const handler = createHandler({ storage: adapter, engine: createProcessor(), auth: ownerOrAnonymous })
    const call = async (path: string, init: RequestInit = {}) => {
      const response = await handler(new Request(`http://127.0.0.1${path}`, init))
      await response.arrayBuffer()
      expect(live.size, path).toBe(0)
      return response.status
    }
    const thumb = '/pub/img.jpg?x-oss-process=image/resize,w_16'
    expect(await call(thumb)).toBe(200)
    expect(calls).toMatchObject({ open: 1, head: 0, get: 0 })
    expect(await call(thumb)).toBe(200) // the result cache answers: the source's body is never read
    const etag = (await handler(new Request(`http://127.0.0.1${thumb}`))).headers.get('etag')!
    expect(live.size).toBe(0)
    expect(await call(thumb, { headers: { 'if-none-match': etag } })).toBe(304)
    expect(await call(thumb, { method: 'HEAD' })).toBe(200)
    expect(await call('/priv/k?x-oss-process=image/resize,w_16')).toBe(403)
    expect(await call('/pub/hidden.jpg?x-oss-process=image/resize,w_16')).toBe(403)
    expect(await call(`/pub/img.jpg?x-oss-process=image/watermark,image_${btoa('hidden.jpg').replace(/=+$/, '')}`)).toBe(403)
    expect(await call('/pub/none.jpg?x-oss-process=image/resize,w_16')).toBe(404)
    expect(await call('/pub/img.jpg?x-oss-process=image/resize,w_0')).toBe(400)
    expect(await call('/pub/k?x-oss-process=image/resize,w_16')).toBe(400) // not an image: read, then refused
    expect(await call('/pub/img.jpg', { method: 'HEAD' })).toBe(200)
    expect(await call('/pub/img.jpg', { headers: { range: 'bytes=0-9' } })).toBe(206)
  })
})
