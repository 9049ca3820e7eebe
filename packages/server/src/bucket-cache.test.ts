import { describe, expect, it } from 'vitest'
import { createMemoryStorage } from '@imgproc/storage'
import type { StorageAdapter } from '@imgproc/types'
import { withBucketCache } from './bucket-cache.js'

/** A memory adapter that counts headBucket calls, and a clock the test moves. */
function counted() {
  const inner = createMemoryStorage()
  let heads = 0
  const storage: StorageAdapter = { ...inner, headBucket: (bucket) => (heads++, inner.headBucket(bucket)) }
  let time = 0
  return { inner, storage, heads: () => heads, now: () => time, advance: (ms: number) => (time += ms) }
}

describe('withBucketCache', () => {
  it('reads a bucket once per ttl, and again after it', async () => {
    const world = counted()
    await world.inner.createBucket('bkt', { acl: 'public-read' })
    const cached = withBucketCache(world.storage, { ttlMs: 1000, now: world.now })
    for (let i = 0; i < 10; i++) expect((await cached.headBucket('bkt'))?.acl).toBe('public-read')
    expect(world.heads()).toBe(1)
    world.advance(999)
    await cached.headBucket('bkt')
    expect(world.heads()).toBe(1)
    world.advance(1)
    await cached.headBucket('bkt')
    expect(world.heads()).toBe(2)
  })

  it('sees a change made around it only after the ttl (the documented bound), one made through it at once', async () => {
    const world = counted()
    await world.inner.createBucket('bkt', { acl: 'public-read' })
    const cached = withBucketCache(world.storage, { ttlMs: 1000, now: world.now })
    await cached.headBucket('bkt')
    await world.inner.setBucketAcl('bkt', 'private') // another replica
    expect((await cached.headBucket('bkt'))?.acl).toBe('public-read')
    world.advance(1000)
    expect((await cached.headBucket('bkt'))?.acl).toBe('private')
    await cached.setBucketAcl('bkt', 'public-read') // through this one
    expect((await cached.headBucket('bkt'))?.acl).toBe('public-read')
    await cached.deleteBucket('bkt')
    expect(await cached.headBucket('bkt')).toBeNull()
    await cached.createBucket('bkt', { acl: 'private' })
    expect((await cached.headBucket('bkt'))?.acl).toBe('private')
  })

  it('drops what was read while a write ran', async () => {
    const world = counted()
    await world.inner.createBucket('bkt', { acl: 'public-read' })
    let finishWrite!: () => void
    const slow: StorageAdapter = {
      ...world.storage,
      setBucketAcl: async (bucket, acl) => {
        await new Promise<void>((resolve) => (finishWrite = resolve))
        await world.inner.setBucketAcl(bucket, acl)
      },
    }
    const cached = withBucketCache(slow, { ttlMs: 1000, now: world.now })
    const writing = cached.setBucketAcl('bkt', 'private')
    expect((await cached.headBucket('bkt'))?.acl).toBe('public-read') // read before the write landed
    finishWrite()
    await writing
    expect((await cached.headBucket('bkt'))?.acl).toBe('private')
  })

  it('keeps no failure, and shares one read among concurrent callers', async () => {
    const world = counted()
    const cached = withBucketCache(world.storage, { ttlMs: 1000, now: world.now })
    await expect(cached.headBucket('Not A Bucket')).rejects.toMatchObject({ code: 'InvalidBucketName' })
    await expect(cached.headBucket('Not A Bucket')).rejects.toMatchObject({ code: 'InvalidBucketName' })
    expect(world.heads()).toBe(2)
    await world.inner.createBucket('bkt')
    await Promise.all(Array.from({ length: 20 }, () => cached.headBucket('bkt')))
    expect(world.heads()).toBe(3)
  })

  it('holds at most maxEntries buckets', async () => {
    const world = counted()
    const cached = withBucketCache(world.storage, { ttlMs: 1000, maxEntries: 3, now: world.now })
    for (const name of ['aaa', 'bbb', 'ccc', 'ddd']) await cached.headBucket(name)
    await cached.headBucket('aaa') // evicted with the rest when ddd came in
    expect(world.heads()).toBe(5)
  })

  it('passes every other member to the adapter, with its own `this`', async () => {
    class ClassAdapter {
      readonly name = 'class'
      readonly #inner = createMemoryStorage()
      get results() {
        return this.#inner.results
      }
      headBucket(bucket: string) {
        return this.#inner.headBucket(bucket)
      }
      createBucket(bucket: string) {
        return this.#inner.createBucket(bucket)
      }
      put(bucket: string, key: string, body: Uint8Array) {
        return this.#inner.put(bucket, key, body)
      }
      head(bucket: string, key: string) {
        return this.#inner.head(bucket, key)
      }
    }
    const adapter = new ClassAdapter()
    const cached = withBucketCache(adapter as unknown as StorageAdapter, { ttlMs: 1000 })
    expect(cached.name).toBe('class')
    expect(cached.results).toBe(adapter.results)
    await cached.createBucket('bkt')
    await cached.put('bkt', 'k', new Uint8Array([1]))
    expect((await cached.head('bkt', 'k'))?.size).toBe(1)
  })

  it('is the adapter itself with ttlMs 0', () => {
    const storage = createMemoryStorage()
    expect(withBucketCache(storage, { ttlMs: 0 })).toBe(storage)
  })
})
