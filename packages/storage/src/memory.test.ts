import { describe, expect, it } from 'vitest'
import { createMemoryStorage } from './memory.js'

const text = (s: string) => new TextEncoder().encode(s)

describe('memory adapter (smoke; the conformance suite covers the contract)', () => {
  it('stores, reads back and lists', async () => {
    const storage = createMemoryStorage()
    expect(await storage.createBucket('bkt')).toBe(true)
    const meta = await storage.put('bkt', 'a/x.txt', text('hello'), { contentType: 'text/plain' })
    expect(meta.etag).toBe('5d41402abc4b2a76b9719d911017c592')
    const got = await storage.get('bkt', 'a/x.txt')
    expect(got && !got.notModified && (await new Response(got.body).text())).toBe('hello')
    expect(await storage.get('bkt', 'missing')).toBeNull()
    const listed = await storage.list('bkt', { delimiter: '/' })
    expect(listed.commonPrefixes).toEqual(['a/'])
  })

  it('never lets the caller mutate stored bytes', async () => {
    const storage = createMemoryStorage()
    await storage.createBucket('bkt')
    const bytes = text('abc')
    await storage.put('bkt', 'k', bytes)
    bytes[0] = 0x7a
    const got = await storage.get('bkt', 'k')
    expect(got && !got.notModified && (await new Response(got.body).text())).toBe('abc')
  })
})
