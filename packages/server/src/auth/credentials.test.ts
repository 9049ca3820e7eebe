import { describe, expect, it } from 'vitest'
import { chainCredentialStores, createEnvCredentialStore, createMemoryCredentialStore } from './credentials.js'

describe('credential stores', () => {
  it('memory store: from a record or a list, trimmed, unknown keys are null', async () => {
    const fromRecord = createMemoryCredentialStore({ ak: 'sk' })
    expect([await fromRecord.lookup('ak'), await fromRecord.lookup('AK'), await fromRecord.lookup('')]).toEqual(['sk', null, null])
    const fromList = createMemoryCredentialStore([{ accessKeyId: ' id ', accessKeySecret: ' secret ' }])
    expect(await fromList.lookup('id')).toBe('secret')
  })

  it('refuses ids that cannot travel in a signature and empty secrets', () => {
    expect(() => createMemoryCredentialStore({ 'a:b': 's' })).toThrow(TypeError)
    expect(() => createMemoryCredentialStore({ 'a b': 's' })).toThrow(TypeError)
    expect(() => createMemoryCredentialStore({ a: '  ' })).toThrow(/empty secret/)
  })

  it('env store reads IMGPROC_ACCESS_KEY_ID / IMGPROC_ACCESS_KEY_SECRET, null when neither is set', async () => {
    expect(createEnvCredentialStore({})).toBeNull()
    const store = createEnvCredentialStore({ IMGPROC_ACCESS_KEY_ID: 'envak', IMGPROC_ACCESS_KEY_SECRET: 'envsk' })
    expect(await store?.lookup('envak')).toBe('envsk')
    expect(() => createEnvCredentialStore({ IMGPROC_ACCESS_KEY_ID: 'only' })).toThrow(/both/)
  })

  it('chain: the first store that knows the key wins; absent stores are skipped', async () => {
    const chain = chainCredentialStores(null, createMemoryCredentialStore({ a: '1' }), undefined, createMemoryCredentialStore({ a: '2', b: '3' }))
    expect([await chain.lookup('a'), await chain.lookup('b'), await chain.lookup('c')]).toEqual(['1', '3', null])
  })
})
