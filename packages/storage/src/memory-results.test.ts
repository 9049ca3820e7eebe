import { describe, expect, it } from 'vitest'
import { createMemoryStorage } from './memory.js'
import { testResultStorage } from './testing-results.js'

testResultStorage('memory', () => createMemoryStorage())

describe('memory results', () => {
  it('copies bytes in and out', async () => {
    const storage = createMemoryStorage()
    await storage.createBucket('bkt')
    const name = 'f'.repeat(64)
    const bytes = new Uint8Array([1, 2, 3])
    await storage.results!.put('bkt', name, bytes)
    bytes[0] = 9
    const out = (await storage.results!.get('bkt', name))!
    out[1] = 9
    expect(await storage.results!.get('bkt', name)).toEqual(new Uint8Array([1, 2, 3]))
  })
})
