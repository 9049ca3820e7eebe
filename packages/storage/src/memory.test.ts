import { describe, expect, it } from 'vitest'
import { createMemoryStorage } from './memory.js'
import { testStorageAdapter } from './testing.js'
import { bodyText, utf8 } from './testing-helpers.js'

testStorageAdapter('memory', (options) => createMemoryStorage(options))

describe('memory adapter', () => {
  it('never lets the caller mutate stored bytes, in or out', async () => {
    const storage = createMemoryStorage()
    await storage.createBucket('bkt')
    const bytes = utf8('abc')
    await storage.put('bkt', 'k', bytes)
    bytes[0] = 0x7a
    const first = await storage.get('bkt', 'k')
    if (!first || first.notModified) throw new Error('expected the object')
    const reader = first.body.getReader()
    const chunk = (await reader.read()).value!
    chunk[0] = 0x79
    expect(await bodyText(await storage.get('bkt', 'k'))).toBe('abc')
  })

  it('keeps separate instances apart', async () => {
    const one = createMemoryStorage()
    const two = createMemoryStorage()
    await one.createBucket('bkt')
    expect(await two.headBucket('bkt')).toBeNull()
  })
})
