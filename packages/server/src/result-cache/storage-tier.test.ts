import { createMemoryStorage } from '@imgproc/storage'
import type { ResultStorage, StoredResultInfo } from '@imgproc/types'
import { describe, expect, it } from 'vitest'
import { encodeResult, type CachedResult } from './envelope.js'
import { storedName } from './result-key.js'
import { createStorageTier } from './storage-tier.js'

const result = (key: string, bytes = 10): CachedResult => ({ key, body: new Uint8Array(bytes).fill(1), contentType: 'image/png', dependencies: [] })

async function bucketWithResults() {
  const storage = createMemoryStorage()
  await storage.createBucket('bkt')
  return storage.results!
}

describe('shared tier', () => {
  it('stores under the SHA-256 of the key and serves only a record whose stored key is that key', async () => {
    const results = await bucketWithResults()
    const tier = createStorageTier(results)
    await tier.put('bkt', result('k1'))
    expect(await tier.get('bkt', 'k1')).toEqual(result('k1'))
    expect(await tier.get('bkt', 'k2')).toBeUndefined()
    // a record under k2's name that holds another key (a collision, a bug, a foreign writer): a miss
    await results.put('bkt', await storedName('k2'), encodeResult(result('k1')))
    expect(await tier.get('bkt', 'k2')).toBeUndefined()
    // and bytes that are not a record at all
    await results.put('bkt', await storedName('k3'), new Uint8Array([1, 2, 3]))
    expect(await tier.get('bkt', 'k3')).toBeUndefined()
  })

  it('trims a bucket every `trimEvery` stores: the newest that fit the byte bound stay', async () => {
    const results = await bucketWithResults()
    const trimmed: number[] = []
    const tier = createStorageTier(results, { maxBytesPerBucket: 3 * 200, trimEvery: 5 }, (n) => trimmed.push(n))
    for (let i = 0; i < 4; i++) {
      await tier.put('bkt', result(`k${i}`, 120))
      await new Promise((r) => setTimeout(r, 3)) // distinct store times
    }
    expect(await results.list('bkt')).toHaveLength(4)
    await tier.put('bkt', result('k4', 120)) // the fifth store trims
    expect(trimmed).toEqual([2])
    const left = await results.list('bkt')
    const names = await Promise.all(['k2', 'k3', 'k4'].map(storedName))
    expect(left.map((r) => r.name).sort()).toEqual(names.sort())
    expect(left.reduce((sum, r) => sum + r.size, 0)).toBeLessThanOrEqual(600)
  })

  it('deletes results older than maxAgeMs when it trims', async () => {
    const now = Date.now()
    const listed: StoredResultInfo[] = [
      { name: 'a'.repeat(64), size: 1, lastModified: new Date(now - 10_000) },
      { name: 'b'.repeat(64), size: 1, lastModified: new Date(now - 10) },
    ]
    const deleted: string[] = []
    const fake: ResultStorage = {
      get: async () => null,
      put: async () => {},
      delete: async (_bucket, name) => void deleted.push(name),
      list: async () => listed,
    }
    const tier = createStorageTier(fake, { maxAgeMs: 5_000 })
    expect(await tier.trim('bkt')).toBe(1)
    expect(deleted).toEqual(['a'.repeat(64)])
  })
})
