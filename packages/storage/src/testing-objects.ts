/** Conformance cases: objects (put/get/head/delete, metadata, ranges, conditions, abort). */
import { describe, expect, it } from 'vitest'
import type { SuiteContext } from './testing.js'
import { bodyBytes, bodyText, chunkedStream, errorCode, patternBytes, utf8 } from './testing-helpers.js'
import { md5Hex } from './bytes.js'

export function defineObjectCases(context: SuiteContext): void {
  describe('objects', () => {
    it('round-trips body, content type, user metadata, headers and ACL', async () => {
      const storage = context.adapter()
      const bucket = await context.newBucket('rt')
      const put = await storage.put(bucket, 'photos/a.jpg', utf8('hello'), {
        contentType: 'image/jpeg',
        userMeta: { Author: 'Ann', note: 'x y' },
        headers: { 'cache-control': 'max-age=60', 'content-disposition': 'inline' },
        acl: 'public-read',
      })
      expect(put).toMatchObject({ key: 'photos/a.jpg', size: 5, etag: '5d41402abc4b2a76b9719d911017c592', contentType: 'image/jpeg' })
      const head = await storage.head(bucket, 'photos/a.jpg')
      expect(head).toMatchObject({
        key: 'photos/a.jpg', size: 5, etag: put.etag, contentType: 'image/jpeg',
        userMeta: { author: 'Ann', note: 'x y' }, acl: 'public-read',
        headers: { 'cache-control': 'max-age=60', 'content-disposition': 'inline' },
      })
      expect(head!.lastModified).toBeInstanceOf(Date)
      const got = await storage.get(bucket, 'photos/a.jpg')
      expect(got).toMatchObject({ size: 5, etag: put.etag, contentType: 'image/jpeg', userMeta: { author: 'Ann' } })
      expect(await bodyText(got)).toBe('hello')
    })

    it('defaults: octet-stream, no metadata, ACL "default"; empty bodies work', async () => {
      const storage = context.adapter()
      const bucket = await context.newBucket('defaults')
      await storage.put(bucket, 'empty', new Uint8Array(0))
      expect(await storage.head(bucket, 'empty')).toMatchObject({
        size: 0, etag: 'd41d8cd98f00b204e9800998ecf8427e', contentType: 'application/octet-stream', userMeta: {}, acl: 'default',
      })
      expect((await bodyBytes(await storage.get(bucket, 'empty'))).length).toBe(0)
    })

    it('returns null for a missing object, and after delete; deleting twice is fine', async () => {
      const storage = context.adapter()
      const bucket = await context.newBucket('missing')
      expect(await storage.get(bucket, 'nope')).toBeNull()
      expect(await storage.head(bucket, 'nope')).toBeNull()
      await storage.put(bucket, 'k', utf8('x'))
      await storage.delete(bucket, 'k')
      await storage.delete(bucket, 'k')
      expect(await storage.get(bucket, 'k')).toBeNull()
      expect(await errorCode(storage.setObjectAcl(bucket, 'k', 'private'))).toBe('NoSuchKey')
    })

    it('overwrites, and sets an object ACL without touching the body', async () => {
      const storage = context.adapter()
      const bucket = await context.newBucket('overwrite')
      await storage.put(bucket, 'k', utf8('first'), { contentType: 'text/plain', userMeta: { a: '1' } })
      const second = await storage.put(bucket, 'k', utf8('second!'))
      expect(second.etag).toBe(md5Hex(utf8('second!')))
      expect(await storage.head(bucket, 'k')).toMatchObject({ size: 7, contentType: 'application/octet-stream', userMeta: {} })
      await storage.setObjectAcl(bucket, 'k', 'public-read')
      expect(await storage.head(bucket, 'k')).toMatchObject({ acl: 'public-read', etag: second.etag, size: 7 })
      expect(await bodyText(await storage.get(bucket, 'k'))).toBe('second!')
    })

    it('accepts streamed bodies and large objects byte for byte', async () => {
      const storage = context.adapter()
      const bucket = await context.newBucket('large')
      const bytes = patternBytes(context.options.largeObjectBytes, 7)
      const put = await storage.put(bucket, 'big.bin', chunkedStream(bytes, 256 * 1024 + 3))
      expect(put.size).toBe(bytes.length)
      if (context.options.md5EtagForLargeObjects) expect(put.etag).toBe(md5Hex(bytes))
      const got = await bodyBytes(await storage.get(bucket, 'big.bin'))
      expect(got.length).toBe(bytes.length)
      expect(md5Hex(got)).toBe(md5Hex(bytes))
      const small = await storage.put(bucket, 'small.bin', chunkedStream(utf8('abcdef'), 2))
      expect(small.etag).toBe(md5Hex(utf8('abcdef')))
    })

    it('serves byte ranges (inclusive, clamped, suffix) and refuses unsatisfiable ones', async () => {
      const storage = context.adapter()
      const bucket = await context.newBucket('range')
      await storage.put(bucket, 'digits', utf8('0123456789'))
      const cases = [
        [{ start: 2, end: 4 }, '234', { start: 2, end: 4 }],
        [{ start: 7 }, '789', { start: 7, end: 9 }],
        [{ start: 8, end: 100 }, '89', { start: 8, end: 9 }],
        [{ suffix: 3 }, '789', { start: 7, end: 9 }],
        [{ suffix: 50 }, '0123456789', { start: 0, end: 9 }],
        [{ start: 0, end: 0 }, '0', { start: 0, end: 0 }],
      ] as const
      for (const [range, text, served] of cases) {
        const got = await storage.get(bucket, 'digits', { range })
        expect(got, JSON.stringify(range)).toMatchObject({ size: 10, range: served })
        expect(await bodyText(got)).toBe(text)
      }
      expect(await errorCode(storage.get(bucket, 'digits', { range: { start: 10 } }))).toBe('InvalidRange')
      expect(await errorCode(storage.get(bucket, 'digits', { range: { start: 20, end: 30 } }))).toBe('InvalidRange')
    })

    it('evaluates conditional reads: 304 as a NotModified result, 412 as PreconditionFailed', async () => {
      const storage = context.adapter()
      const bucket = await context.newBucket('cond')
      const { etag, lastModified } = await storage.put(bucket, 'k', utf8('v1'))
      const later = new Date(lastModified.getTime() + 3_600_000)
      const earlier = new Date(lastModified.getTime() - 3_600_000)
      for (const ifNoneMatch of [etag, `"${etag}"`, '*']) {
        const result = await storage.get(bucket, 'k', { ifNoneMatch })
        expect(result, ifNoneMatch).toMatchObject({ notModified: true, meta: { etag, size: 2 } })
      }
      expect(await bodyText(await storage.get(bucket, 'k', { ifNoneMatch: '"0000"' }))).toBe('v1')
      expect(await storage.get(bucket, 'k', { ifModifiedSince: later })).toMatchObject({ notModified: true })
      expect(await bodyText(await storage.get(bucket, 'k', { ifModifiedSince: earlier }))).toBe('v1')
      expect(await bodyText(await storage.get(bucket, 'k', { ifMatch: `"${etag}"` }))).toBe('v1')
      expect(await errorCode(storage.get(bucket, 'k', { ifMatch: '"0000"' }))).toBe('PreconditionFailed')
      expect(await errorCode(storage.get(bucket, 'k', { ifUnmodifiedSince: earlier }))).toBe('PreconditionFailed')
      expect(await bodyText(await storage.get(bucket, 'k', { ifUnmodifiedSince: later }))).toBe('v1')
    })

    it('put with ifNoneMatch "*" creates only', async () => {
      const storage = context.adapter()
      const bucket = await context.newBucket('create-only')
      await storage.put(bucket, 'k', utf8('one'), { ifNoneMatch: '*' })
      expect(await errorCode(storage.put(bucket, 'k', utf8('two'), { ifNoneMatch: '*' }))).toBe('PreconditionFailed')
      expect(await bodyText(await storage.get(bucket, 'k'))).toBe('one')
    })

    it('gives one whole body to concurrent writers of one key (last wins, never a mix)', async () => {
      const storage = context.adapter()
      const bucket = await context.newBucket('race')
      const bodies = Array.from({ length: 8 }, (_, i) => patternBytes(64 * 1024, i + 1))
      await Promise.all(bodies.map((body) => storage.put(bucket, 'k', body)))
      const got = await bodyBytes(await storage.get(bucket, 'k'))
      const digests = bodies.map((body) => md5Hex(body))
      expect(digests).toContain(md5Hex(got))
      expect(digests).toContain((await storage.head(bucket, 'k'))!.etag)
    })

    it('stops with RequestAborted on an aborted signal and stores nothing', async () => {
      const storage = context.adapter()
      const bucket = await context.newBucket('abort')
      const controller = new AbortController()
      controller.abort()
      expect(await errorCode(storage.put(bucket, 'k', utf8('x'), { signal: controller.signal }))).toBe('RequestAborted')
      expect(await storage.head(bucket, 'k')).toBeNull()
      await storage.put(bucket, 'k', utf8('x'))
      expect(await errorCode(storage.get(bucket, 'k', { signal: controller.signal }))).toBe('RequestAborted')
      // aborted while the body is still streaming in: nothing half-written becomes visible
      const midway = new AbortController()
      let sent = 0
      const body = new ReadableStream<Uint8Array>({
        pull(stream) {
          sent += 1
          if (sent === 3) midway.abort()
          if (sent > 50) return stream.close()
          stream.enqueue(patternBytes(16 * 1024, sent))
        },
      })
      expect(await errorCode(storage.put(bucket, 'streamed', body, { signal: midway.signal }))).toBe('RequestAborted')
      expect(await storage.head(bucket, 'streamed')).toBeNull()
      // a body whose source fails mid-way: BadRequest, nothing stored, the old version kept
      await storage.put(bucket, 'kept', utf8('old'))
      const failing = new ReadableStream<Uint8Array>({
        pull(stream) {
          stream.enqueue(patternBytes(8 * 1024, 9))
          if (++sent > 60) stream.error(new Error('client went away'))
        },
      })
      expect(await errorCode(storage.put(bucket, 'kept', failing))).toBe('BadRequest')
      expect(await bodyText(await storage.get(bucket, 'kept'))).toBe('old')
    })

    // optional in the interface: an adapter either has all of it or none (then the server heads and gets)
    it('open: the metadata now, the body of that same version later, read once or closed', async () => {
      const storage = context.adapter()
      if (!storage.open) {
        expect(storage.open).toBeUndefined()
        return
      }
      const bucket = await context.newBucket('open')
      expect(await storage.open(bucket, 'nope')).toBeNull()
      expect(await errorCode(storage.open(context.bucketName('open-none'), 'k'))).toBe('NoSuchBucket')
      const large = patternBytes(300 * 1024, 7)
      await storage.put(bucket, 'k', large, { contentType: 'image/jpeg', acl: 'private' })
      const opened = (await storage.open(bucket, 'k'))!
      expect(opened.meta).toMatchObject({ key: 'k', size: large.length, etag: md5Hex(large), contentType: 'image/jpeg', acl: 'private' })
      // overwritten between the metadata and the body: the body read is still the opened version
      await storage.put(bucket, 'k', utf8('second'))
      const read = await opened.read()
      expect(read.length).toBe(large.length)
      expect(md5Hex(read)).toBe(opened.meta.etag)
      expect(await errorCode(opened.read())).toBe('InternalError')
      opened.close()
      const again = (await storage.open(bucket, 'k'))!
      expect(again.meta.size).toBe(6)
      // closed without reading: nothing left to read, closing twice is fine
      again.close()
      again.close()
      expect(await errorCode(again.read())).toBe('InternalError')
      // the bytes are the reader's own: changing them changes nothing stored
      const mine = await (await storage.open(bucket, 'k'))!.read()
      mine.fill(0)
      expect(await bodyText(await storage.get(bucket, 'k'))).toBe('second')
    })
  })
}
