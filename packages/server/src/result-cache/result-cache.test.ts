import { createMemoryStorage } from '@imgproc/storage'
import { describe, expect, it } from 'vitest'
import type { CachedResult } from './envelope.js'
import { createResultCache, type ResultCacheEvents } from './result-cache.js'

const result = (key: string, bytes = 100): CachedResult => ({ key, body: new Uint8Array(bytes).fill(7), contentType: 'image/jpeg', dependencies: [] })

function recorder() {
  const seen: string[] = []
  const events: ResultCacheEvents = {
    lookup: (outcome, tier) => seen.push(`${outcome}:${tier ?? '-'}`),
    stored: (tier) => seen.push(`stored:${tier}`),
    evicted: (tier, count) => seen.push(`evicted:${tier}:${count}`),
    size: () => {},
    failed: () => seen.push('failed'),
  }
  return { seen, events }
}

describe('result cache (memory tier)', () => {
  it('finds what it stored, under the full key only, and keeps its own copy of the bytes', async () => {
    const cache = createResultCache({})!
    const stored = result('k1')
    cache.store('b', 'o', stored)
    stored.body.fill(0) // the reply's buffer may be reused or transferred
    const found = await cache.find('b', 'o', 'k1')
    expect(found?.tier).toBe('memory')
    expect(found?.result.body).toEqual(new Uint8Array(100).fill(7))
    expect(await cache.find('b', 'o', 'k2')).toBeUndefined()
  })

  it('knows, without storage, which objects it may hold results of; evictions update that', async () => {
    const { seen, events } = recorder()
    const cache = createResultCache({ maxBytes: 2000, maxEntryBytes: 500 }, { events })!
    expect(cache.mayHold('b', 'o')).toBe(false)
    cache.store('b', 'o', result('k1'))
    cache.store('b', 'o', result('k2'))
    expect(cache.mayHold('b', 'o')).toBe(true)
    expect(cache.mayHold('b', 'other')).toBe(false)
    expect(cache.mayHold('b2', 'o')).toBe(false)
    // each entry costs its body, its text as UTF-16 and 256 bytes of bookkeeping (380 here): five
    // fit in 2000 bytes, so five more push both of o's out
    for (let i = 0; i < 5; i++) cache.store('b', `p${i}`, result(`p${i}`))
    expect(cache.mayHold('b', 'o')).toBe(false)
    expect(seen.filter((e) => e.startsWith('evicted:memory'))).toHaveLength(2)
    expect(cache.bytes).toBeLessThanOrEqual(2000)
  })

  it('does not store results over the per-entry cap (default: an eighth of the budget)', async () => {
    const cache = createResultCache({ maxBytes: 8000 })!
    expect(cache.maxEntryBytes).toBe(1000)
    cache.store('b', 'o', result('big', 1001))
    expect(cache.entries).toBe(0)
    expect(cache.mayHold('b', 'o')).toBe(false)
    cache.store('b', 'o', result('fits', 1000))
    expect(cache.entries).toBe(1)
  })

  it('is absent when both tiers are off, and refuses a shared tier without storage.results', () => {
    expect(createResultCache({ maxBytes: 0 })).toBeUndefined()
    expect(() => createResultCache({ shared: true })).toThrow(/results/)
    expect(() => createResultCache({ maxBytes: -1 })).toThrow(RangeError)
  })
})

describe('result cache with a shared tier', () => {
  it('writes in the background, finds results another instance stored, and copies them into memory', async () => {
    const storage = createMemoryStorage()
    await storage.createBucket('bkt')
    const one = createResultCache({ shared: true }, { results: storage.results })!
    const { seen, events } = recorder()
    const two = createResultCache({ shared: true }, { results: storage.results, events })!
    one.store('bkt', 'o', result('k'))
    await one.idle()
    expect(two.mayHold('bkt', 'anything')).toBe(true) // with a shared tier it always may
    const found = await two.find('bkt', 'o', 'k')
    expect(found?.tier).toBe('storage')
    expect(found?.result).toEqual(result('k'))
    expect((await two.find('bkt', 'o', 'k'))?.tier).toBe('memory')
    expect(seen).toEqual([])
  })

  it('a failing store is a miss and an event, never an error', async () => {
    const storage = createMemoryStorage()
    const { seen, events } = recorder()
    const cache = createResultCache({ shared: true, maxBytes: 0 }, { results: storage.results, events })!
    // the bucket does not exist: the write and the read fail
    cache.store('nobucket', 'o', result('k'))
    await cache.idle()
    expect(seen).toEqual(['failed'])
    const broken = { ...storage.results!, get: () => Promise.reject(new Error('store down')) }
    const reading = createResultCache({ shared: true, maxBytes: 0 }, { results: broken, events })!
    expect(await reading.find('bkt', 'o', 'k')).toBeUndefined()
    expect(seen).toEqual(['failed', 'failed'])
  })
})
