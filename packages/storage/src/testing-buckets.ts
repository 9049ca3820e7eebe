/** Conformance cases: buckets. */
import { describe, expect, it } from 'vitest'
import type { SuiteContext } from './testing.js'
import { errorCode, utf8 } from './testing-helpers.js'

export function defineBucketCases(context: SuiteContext): void {
  describe('buckets', () => {
    it('creates a bucket once, reports it, lists it', async () => {
      const storage = context.adapter()
      const bucket = context.bucketName('create')
      const before = Date.now()
      expect(await storage.headBucket(bucket)).toBeNull()
      expect(await storage.createBucket(bucket)).toBe(true)
      expect(await storage.createBucket(bucket)).toBe(false)
      const info = await storage.headBucket(bucket)
      expect(info?.name).toBe(bucket)
      expect(info?.acl).toBe('private')
      expect(info?.createdAt).toBeInstanceOf(Date)
      // clocks of a remote store may differ a little: allow a minute
      expect(Math.abs(info!.createdAt.getTime() - before)).toBeLessThan(60_000)
      expect((await storage.listBuckets()).map((b) => b.name)).toContain(bucket)
    })

    it('keeps the ACL given at creation and the one set later', async () => {
      const storage = context.adapter()
      const bucket = context.bucketName('acl')
      await storage.createBucket(bucket, { acl: 'public-read' })
      expect((await storage.headBucket(bucket))?.acl).toBe('public-read')
      await storage.setBucketAcl(bucket, 'public-read-write')
      expect((await storage.headBucket(bucket))?.acl).toBe('public-read-write')
      await storage.setBucketAcl(bucket, 'private')
      expect((await storage.headBucket(bucket))?.acl).toBe('private')
    })

    it('refuses invalid bucket names with InvalidBucketName', async () => {
      const storage = context.adapter()
      for (const bad of ['ab', 'Upper', '-lead', 'trail-', 'under_score', 'dot.ted', 'x'.repeat(64), '', '../etc', 'a/b']) {
        expect(await errorCode(storage.createBucket(bad)), bad).toBe('InvalidBucketName')
        expect(await errorCode(storage.headBucket(bad)), bad).toBe('InvalidBucketName')
        expect(await errorCode(storage.put(bad, 'k', utf8('x'))), bad).toBe('InvalidBucketName')
      }
    })

    it('answers NoSuchBucket for every operation on a missing bucket', async () => {
      const storage = context.adapter()
      const bucket = context.bucketName('missing')
      expect(await errorCode(storage.get(bucket, 'k'))).toBe('NoSuchBucket')
      expect(await errorCode(storage.head(bucket, 'k'))).toBe('NoSuchBucket')
      expect(await errorCode(storage.put(bucket, 'k', utf8('x')))).toBe('NoSuchBucket')
      expect(await errorCode(storage.delete(bucket, 'k'))).toBe('NoSuchBucket')
      expect(await errorCode(storage.list(bucket))).toBe('NoSuchBucket')
      expect(await errorCode(storage.deleteBucket(bucket))).toBe('NoSuchBucket')
      expect(await errorCode(storage.setBucketAcl(bucket, 'private'))).toBe('NoSuchBucket')
      expect(await errorCode(storage.putStyle(bucket, { name: 's', content: 'image/resize,w_1' }))).toBe('NoSuchBucket')
      expect(await errorCode(storage.getStyle(bucket, 's'))).toBe('NoSuchBucket')
      expect(await errorCode(storage.listStyles(bucket))).toBe('NoSuchBucket')
    })

    it('deletes only an empty bucket; styles do not count as content', async () => {
      const storage = context.adapter()
      const bucket = await context.newBucket('delete')
      await storage.put(bucket, 'k', utf8('x'))
      await storage.putStyle(bucket, { name: 'thumb', content: 'image/resize,w_10' })
      expect(await errorCode(storage.deleteBucket(bucket))).toBe('BucketNotEmpty')
      await storage.delete(bucket, 'k')
      await storage.deleteBucket(bucket)
      expect(await storage.headBucket(bucket)).toBeNull()
      expect(await errorCode(storage.put(bucket, 'k', utf8('x')))).toBe('NoSuchBucket')
      // a re-created bucket starts without the old styles
      expect(await storage.createBucket(bucket)).toBe(true)
      expect(await storage.listStyles(bucket)).toEqual([])
    })
  })
}
