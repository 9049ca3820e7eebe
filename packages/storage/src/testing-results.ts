/**
 * The conformance cases of `StorageAdapter.results` (ResultStorage), for adapters that have it:
 *
 *   testResultStorage('memory', () => createMemoryStorage())
 *
 * What they hold an adapter to: results round-trip and overwrite; they are not objects (not
 * listed, not readable by any key, not counted by deleteBucket) and go with their bucket; names
 * other than 64 lower-case hex digits are refused before anything is touched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StorageAdapter } from '@imgproc/types'
import { errorCode, patternBytes, uniqueBucket } from './testing-helpers.js'

const NAME_A = 'a'.repeat(64)
const NAME_B = `${'0123456789abcdef'.repeat(4)}`

export function testResultStorage(name: string, factory: () => StorageAdapter | Promise<StorageAdapter>, options: { tag?: string } = {}): void {
  const tag = options.tag ?? name
  describe(`ResultStorage conformance: ${name}`, () => {
    let adapter: StorageAdapter
    const buckets: string[] = []
    const results = () => {
      if (!adapter.results) throw new Error(`the ${name} adapter has no results storage`)
      return adapter.results
    }
    async function newBucket(label: string): Promise<string> {
      const bucket = uniqueBucket(`${tag}-${label}`)
      buckets.push(bucket)
      await adapter.createBucket(bucket)
      return bucket
    }

    beforeAll(async () => {
      adapter = await factory()
    })
    afterAll(async () => {
      for (const bucket of buckets) {
        if (!(await adapter.headBucket(bucket))) continue
        for (const r of await results().list(bucket)) await results().delete(bucket, r.name)
        await adapter.deleteBucket(bucket)
      }
    })

    it('stores, overwrites, lists and deletes results', async () => {
      const bucket = await newBucket('rt')
      const bytes = patternBytes(70_000, 7)
      expect(await results().get(bucket, NAME_A)).toBeNull()
      await results().put(bucket, NAME_A, bytes)
      expect(await results().get(bucket, NAME_A)).toEqual(bytes)
      await results().put(bucket, NAME_A, bytes.subarray(0, 10))
      await results().put(bucket, NAME_B, patternBytes(3, 1))
      expect(await results().get(bucket, NAME_A)).toEqual(bytes.subarray(0, 10))
      const listed = (await results().list(bucket)).sort((x, y) => (x.name < y.name ? -1 : 1))
      expect(listed.map((r) => [r.name, r.size])).toEqual([[NAME_B, 3], [NAME_A, 10]])
      for (const r of listed) expect(Date.now() - r.lastModified.getTime()).toBeLessThan(10 * 60_000)
      await results().delete(bucket, NAME_A)
      await results().delete(bucket, NAME_A) // a missing one: fine
      expect(await results().get(bucket, NAME_A)).toBeNull()
      expect((await results().list(bucket)).map((r) => r.name)).toEqual([NAME_B])
    })

    it('keeps results out of the object namespace, and deletes them with their bucket', async () => {
      const bucket = await newBucket('apart')
      await results().put(bucket, NAME_A, patternBytes(5, 2))
      const page = await adapter.list(bucket)
      expect(page.objects).toEqual([])
      expect(page.commonPrefixes).toEqual([])
      for (const key of [NAME_A, `r/${NAME_A}`, `results/${NAME_A}`, `${bucket}/${NAME_A}`]) expect(await adapter.head(bucket, key)).toBeNull()
      expect((await adapter.listBuckets()).map((b) => b.name).filter((n) => !/^[a-z0-9-]+$/.test(n))).toEqual([])
      // results do not make a bucket "not empty"
      await adapter.deleteBucket(bucket)
      await adapter.createBucket(bucket)
      expect(await results().get(bucket, NAME_A)).toBeNull()
      expect(await results().list(bucket)).toEqual([])
    })

    it('refuses names that are not 64 lower-case hex digits, and buckets that do not exist', async () => {
      const bucket = await newBucket('names')
      for (const bad of ['A'.repeat(64), 'a'.repeat(63), 'a'.repeat(65), `../${'a'.repeat(61)}`, `${'a'.repeat(63)}/`, '', `${'a'.repeat(63)}\0`]) {
        expect(await errorCode(results().put(bucket, bad, patternBytes(1, 1)))).toBe('InvalidArgument')
        expect(await errorCode(results().get(bucket, bad))).toBe('InvalidArgument')
        expect(await errorCode(results().delete(bucket, bad))).toBe('InvalidArgument')
      }
      expect(await results().list(bucket)).toEqual([])
      const missing = uniqueBucket(`${tag}-missing`)
      expect(await errorCode(results().put(missing, NAME_A, patternBytes(1, 1)))).toBe('NoSuchBucket')
      expect(await errorCode(results().list(missing))).toBe('NoSuchBucket')
      expect(await adapter.headBucket(missing)).toBeNull()
    })
  })
}
