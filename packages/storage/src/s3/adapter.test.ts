import { afterAll, describe, expect, it } from 'vitest'
import { createS3Storage } from './adapter.js'
import type { S3StorageOptions } from './adapter.js'
import { md5Hex } from '../bytes.js'
import { testStorageAdapter } from '../testing.js'
import { bodyBytes, chunkedStream, patternBytes, uniqueBucket } from '../testing-helpers.js'

// The S3 conformance run needs a real S3-compatible server; `.ci/run` starts Ceph RGW with
// ../shared/tools/s3-server and exports these variables. Without them the suite is skipped.
const env = globalThis.process?.env ?? {}
const configured = Boolean(env.S3_ENDPOINT && env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY)
const MiB = 1024 * 1024

const connection = (): S3StorageOptions => ({
  endpoint: env.S3_ENDPOINT!,
  region: env.S3_REGION ?? 'us-east-1',
  accessKeyId: env.S3_ACCESS_KEY_ID!,
  secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
  forcePathStyle: env.S3_FORCE_PATH_STYLE !== 'false',
})

if (!configured) {
  console.warn('[storage] S3 conformance suite SKIPPED: S3_ENDPOINT / S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY not set (start one with: eval "$(bash ../shared/tools/s3-server)")')
  describe.skip('StorageAdapter conformance: s3 (no S3 server configured)', () => {
    it('needs S3_ENDPOINT, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY', () => {})
  })
} else {
  // 5 MiB parts, so the suite's 6 MiB object goes through the multipart path. RGW's test cluster
  // caps object names at 460 bytes with the bucket marker: keys up to 380 bytes (see README).
  testStorageAdapter('s3', (options) => createS3Storage({ ...connection(), partSize: 5 * MiB, ...options }), {
    md5EtagForLargeObjects: false,
    maxKeyBytes: 380,
    manyKeys: 1050,
    replicaSafeStyles: true,
  })

  describe('S3 adapter specifics', () => {
    const storage = createS3Storage({ ...connection(), partSize: 5 * MiB })
    const bucket = uniqueBucket('s3-specific')
    afterAll(async () => {
      for (const o of (await storage.list(bucket)).objects) await storage.delete(bucket, o.key)
      await storage.deleteBucket(bucket)
    })

    it('uploads a long stream as a multipart upload and reads any range of it back', async () => {
      await storage.createBucket(bucket)
      const bytes = patternBytes(11 * MiB + 123, 3)
      const put = await storage.put(bucket, 'multi.bin', chunkedStream(bytes, 1 * MiB + 7), { contentType: 'application/x-test', userMeta: { part: 'yes' } })
      expect(put.etag).toMatch(/^[0-9a-f]{32}-3$/) // three parts: the store's multipart ETag
      expect(put.size).toBe(bytes.length)
      expect(await storage.head(bucket, 'multi.bin')).toMatchObject({ contentType: 'application/x-test', userMeta: { part: 'yes' }, etag: put.etag })
      expect(md5Hex(await bodyBytes(await storage.get(bucket, 'multi.bin')))).toBe(md5Hex(bytes))
      const across = await storage.get(bucket, 'multi.bin', { range: { start: 5 * MiB - 10, end: 5 * MiB + 9 } })
      expect(await bodyBytes(across)).toEqual(bytes.subarray(5 * MiB - 10, 5 * MiB + 10))
    })

    it('aborts a multipart upload cut short and leaves no object', async () => {
      await storage.createBucket(bucket)
      let sent = 0
      const failing = new ReadableStream<Uint8Array>({
        pull(controller) {
          sent += 1
          if (sent > 7) controller.error(new Error('client went away'))
          else controller.enqueue(patternBytes(MiB, sent))
        },
      })
      await expect(storage.put(bucket, 'cut.bin', failing)).rejects.toMatchObject({ code: 'BadRequest' })
      expect(await storage.head(bucket, 'cut.bin')).toBeNull()
    })

    it('answers SignatureDoesNotMatch for a wrong secret', async () => {
      const wrong = createS3Storage({ ...connection(), secretAccessKey: 'not-the-secret-0000000000000000000000000' })
      await expect(wrong.listBuckets()).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' })
    })
  })
}
