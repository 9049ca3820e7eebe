// How GetObject reads storage (routes/object.ts): a plain GET reads the object once, metadata and
// body together, under the same ACL rule as before; object ACLs are never cached, bucket settings
// only within bucketCacheMs; a body that is not sent is let go.
import { createHmac } from 'node:crypto'
import { beforeEach, describe, expect, it } from 'vitest'
import { createMemoryStorage } from '@imgproc/storage'
import type { StorageAdapter } from '@imgproc/types'
import { createHandler, type Handler } from '../app.js'
import { createAuthenticator, createMemoryCredentialStore } from '../auth/index.js'

interface Calls {
  headBucket: number
  head: number
  /** StorageAdapter.open: the metadata read of the ACL decision (the memory adapter has it) */
  open: number
  /** opened objects neither read nor closed yet */
  held: number
  get: number
  cancelled: number
}

function recording(inner: StorageAdapter, calls: Calls): StorageAdapter {
  return {
    ...inner,
    headBucket: (bucket) => (calls.headBucket++, inner.headBucket(bucket)),
    head: (bucket, key) => (calls.head++, inner.head(bucket, key)),
    open: async (bucket, key) => {
      calls.open++
      const opened = await inner.open!(bucket, key)
      if (!opened) return null
      calls.held++
      let done = false
      const settle = () => {
        if (!done) calls.held--
        done = true
      }
      return { meta: opened.meta, read: () => (settle(), opened.read()), close: () => (settle(), opened.close()) }
    },
    get: async (bucket, key, opts) => {
      calls.get++
      const stored = await inner.get(bucket, key, opts)
      if (!stored || stored.notModified) return stored
      const reader = stored.body.getReader()
      const body = new ReadableStream<Uint8Array>({
        pull: async (controller) => {
          const next = await reader.read()
          if (next.done) controller.close()
          else controller.enqueue(next.value)
        },
        cancel: (reason) => {
          calls.cancelled++
          return reader.cancel(reason)
        },
      })
      return { ...stored, body }
    },
  }
}

let inner: StorageAdapter
let calls: Calls
let handler: Handler
const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => handler(new Request(`http://localhost${path}`, { method, headers }))

beforeEach(async () => {
  inner = createMemoryStorage()
  await inner.createBucket('pub', { acl: 'public-read' })
  await inner.createBucket('priv', { acl: 'private' })
  await inner.put('pub', 'a.txt', new TextEncoder().encode('hello'))
  await inner.put('priv', 'p.txt', new TextEncoder().encode('secret'))
  calls = { headBucket: 0, head: 0, open: 0, held: 0, get: 0, cancelled: 0 }
  handler = createHandler({ storage: recording(inner, calls), bucketCacheMs: 60_000 })
})

describe('GetObject storage reads', () => {
  it('a plain GET reads the object once; the bucket settings once per bucketCacheMs', async () => {
    for (let i = 0; i < 3; i++) expect(await (await get('/pub/a.txt')).text()).toBe('hello')
    expect(calls).toMatchObject({ headBucket: 1, head: 0, open: 0, get: 3 })
  })

  it('HEAD and a ranged GET read the metadata first (and let go of what they opened)', async () => {
    expect((await get('/pub/a.txt', {}, 'HEAD')).headers.get('content-length')).toBe('5')
    expect(await (await get('/pub/a.txt', { range: 'bytes=1-2' })).text()).toBe('el')
    expect(calls).toMatchObject({ head: 0, open: 2, held: 0, get: 1 })
  })

  it('an object made private is refused to the next anonymous GET: object ACLs are not cached', async () => {
    expect((await get('/pub/a.txt')).status).toBe(200)
    await inner.setObjectAcl('pub', 'a.txt', 'private')
    expect((await get('/pub/a.txt')).status).toBe(403)
    expect((await get('/pub/a.txt', {}, 'HEAD')).status).toBe(403)
  })

  it('decides the ACL before existence; an anonymous caller of a private bucket gets no body read at all', async () => {
    expect((await get('/priv/p.txt')).status).toBe(403)
    expect((await get('/priv/missing')).status).toBe(403)
    expect(calls).toMatchObject({ get: 0, head: 0, open: 2, held: 0 })
    await inner.setObjectAcl('priv', 'p.txt', 'public-read')
    expect(await (await get('/priv/p.txt')).text()).toBe('secret')
  })

  it('lets go of a body it does not send (an object private in a public bucket, 304, 412)', async () => {
    await inner.put('pub', 'hidden', new TextEncoder().encode('x'), { acl: 'private' })
    expect((await get('/pub/hidden')).status).toBe(403)
    expect(calls.cancelled).toBe(1)
    expect((await get('/pub/a.txt', { 'if-none-match': '*' })).status).toBe(304)
    await expect(get('/pub/a.txt', { 'if-match': '"other"' })).resolves.toMatchObject({ status: 412 })
    expect(calls.cancelled).toBe(3)
  })

  it('a bucket ACL changed through the handler counts at once; one changed by another replica after bucketCacheMs', async () => {
    const auth = createAuthenticator({ credentials: createMemoryCredentialStore({ AK: 'SK' }) })
    const cached = createHandler({ storage: inner, auth, bucketCacheMs: 50 })
    const anonymous = () => cached(new Request('http://localhost/pub/a.txt'))
    expect((await anonymous()).status).toBe(200)
    const date = new Date().toUTCString()
    const signature = createHmac('sha1', 'SK').update(`PUT\n\n\n${date}\nx-oss-acl:private\n/pub/?acl`).digest('base64')
    const headers = { date, authorization: `OSS AK:${signature}`, 'x-oss-acl': 'private' }
    expect((await cached(new Request('http://localhost/pub?acl', { method: 'PUT', headers }))).status).toBe(200)
    expect((await anonymous()).status).toBe(403)
    await inner.setBucketAcl('pub', 'public-read') // another replica, same store
    expect((await anonymous()).status).toBe(403) // within the bound
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect((await anonymous()).status).toBe(200)
  })
})
