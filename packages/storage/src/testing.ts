/**
 * The one conformance suite every StorageAdapter passes. Usage in a vitest file:
 *
 *   testStorageAdapter('memory', (options) => createMemoryStorage(options))
 *
 * Every case works in its own freshly created bucket (unique names, so a shared S3 server is
 * fine) and everything created is deleted afterwards. Imports vitest: keep it out of production
 * bundles (it is the `@imgproc/storage/testing` subpath, vitest an optional peer dependency).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StorageAdapter } from '@imgproc/types'
import { defineBucketCases } from './testing-buckets.js'
import { defineKeyCases } from './testing-keys.js'
import { defineListCases } from './testing-list.js'
import { defineObjectCases } from './testing-objects.js'
import { defineStyleCases } from './testing-styles.js'
import { uniqueBucket } from './testing-helpers.js'
export { testResultStorage } from './testing-results.js'

export interface ConformanceOptions {
  /** the adapter's name tag in bucket names (default: the suite name) */
  tag?: string
  /** size of the "large object" case, default 6 MiB (over S3's 5 MiB multipart threshold) */
  largeObjectBytes?: number
  /**
   * the longest key (bytes) the store under test takes, default 1023 (OSS). The Ceph test server
   * (../shared/tools/s3-server) limits RADOS object names to 460 bytes including the bucket marker.
   */
  maxKeyBytes?: number
  /** keys in the "few thousand keys" listing case, default 2500 */
  manyKeys?: number
  /** the adapter reports the MD5 of the body as ETag even for large objects (not S3 multipart) */
  md5EtagForLargeObjects?: boolean
  /**
   * each `factory()` call is another replica over the same store, and the adapter keeps the style
   * limit between replicas (S3 with conditional writes): the concurrent-PutStyle case then races
   * two adapters instead of one. Default false.
   */
  replicaSafeStyles?: boolean
}

export type AdapterFactory = (options?: { maxStyles?: number }) => StorageAdapter | Promise<StorageAdapter>

/** What each group of cases gets: the adapter and a way to make (and later clean up) buckets. */
export interface SuiteContext {
  adapter(): StorageAdapter
  factory: AdapterFactory
  /** creates a fresh bucket and remembers it for cleanup */
  newBucket(label: string): Promise<string>
  /** a fresh unused bucket name (remembered for cleanup in case the case creates it) */
  bucketName(label: string): string
  options: Required<ConformanceOptions>
}

export function testStorageAdapter(name: string, factory: AdapterFactory, options: ConformanceOptions = {}): void {
  const resolved: Required<ConformanceOptions> = {
    tag: options.tag ?? name,
    largeObjectBytes: options.largeObjectBytes ?? 6 * 1024 * 1024,
    md5EtagForLargeObjects: options.md5EtagForLargeObjects ?? true,
    maxKeyBytes: options.maxKeyBytes ?? 1023,
    manyKeys: options.manyKeys ?? 2500,
    replicaSafeStyles: options.replicaSafeStyles ?? false,
  }
  describe(`StorageAdapter conformance: ${name}`, () => {
    let adapter: StorageAdapter | undefined
    const created: Array<{ adapter: StorageAdapter; bucket: string }> = []
    const context: SuiteContext = {
      adapter: () => {
        if (!adapter) throw new Error('adapter not ready')
        return adapter
      },
      factory,
      bucketName(label) {
        const bucket = uniqueBucket(`${resolved.tag}-${label}`)
        created.push({ adapter: context.adapter(), bucket })
        return bucket
      },
      async newBucket(label) {
        const bucket = context.bucketName(label)
        expect(await context.adapter().createBucket(bucket)).toBe(true)
        return bucket
      },
      options: resolved,
    }

    beforeAll(async () => {
      adapter = await factory()
    })
    afterAll(async () => {
      for (const { adapter: owner, bucket } of created) await emptyAndDelete(owner, bucket)
    })

    it('has a name', () => {
      expect(typeof context.adapter().name).toBe('string')
      expect(context.adapter().name.length).toBeGreaterThan(0)
    })
    defineBucketCases(context)
    defineObjectCases(context)
    defineKeyCases(context)
    defineListCases(context)
    defineStyleCases(context)
  })
}

/** Best-effort cleanup: objects, styles, then the bucket. */
async function emptyAndDelete(adapter: StorageAdapter, bucket: string): Promise<void> {
  if (!(await adapter.headBucket(bucket))) return
  let cursor: string | undefined
  do {
    const page = await adapter.list(bucket, cursor ? { cursor } : {})
    const keys = page.objects.map((o) => o.key)
    for (let i = 0; i < keys.length; i += 50) await Promise.all(keys.slice(i, i + 50).map((key) => adapter.delete(bucket, key)))
    cursor = page.nextCursor
  } while (cursor)
  for (const style of await adapter.listStyles(bucket)) await adapter.deleteStyle(bucket, style.name)
  await adapter.deleteBucket(bucket)
}
