import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  describeGeneratedCredential,
  generateCredential,
  loadCredentialsFile,
  parseCredentialsFile,
  randomString,
} from './node-credentials-file.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'imgproc-credentials-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

describe('loadCredentialsFile', () => {
  it('generates, persists (0600, no temporary left over) and then reloads the same development key', async () => {
    const path = join(dir, 'nested', 'credentials.json')
    const first = await loadCredentialsFile(path)
    expect(first.generated).toBeDefined()
    const { accessKeyId, accessKeySecret } = first.generated!
    expect(accessKeyId).toMatch(/^IMGP[A-Z0-9]{16}$/)
    expect(accessKeySecret).toMatch(/^[A-Za-z0-9]{40}$/)
    expect(await first.store.lookup(accessKeyId)).toBe(accessKeySecret)
    expect((await stat(path)).mode & 0o777).toBe(0o600)
    expect(await readdir(join(dir, 'nested'))).toEqual(['credentials.json'])

    const second = await loadCredentialsFile(path)
    expect(second.generated).toBeUndefined()
    expect(second.credentials).toEqual([first.generated])
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ credentials: [first.generated] })
  })

  it('reads several keys and trims them', async () => {
    const path = join(dir, 'c.json')
    await writeFile(path, JSON.stringify({ credentials: [{ accessKeyId: ' a1 ', accessKeySecret: 's1\n' }, { accessKeyId: 'a2', accessKeySecret: 's2' }] }))
    const { store } = await loadCredentialsFile(path)
    expect([await store.lookup('a1'), await store.lookup('a2'), await store.lookup('a3')]).toEqual(['s1', 's2', null])
  })

  it('never replaces a malformed file, and can refuse to generate', async () => {
    const path = join(dir, 'c.json')
    await writeFile(path, '{"credentials": [')
    await expect(loadCredentialsFile(path)).rejects.toThrow(/not valid JSON/)
    expect(await readFile(path, 'utf8')).toBe('{"credentials": [')
    await expect(loadCredentialsFile(join(dir, 'absent.json'), { generateIfMissing: false })).rejects.toThrow(/does not exist/)
  })

  it('rejects entries that are missing fields or have unusable ids', () => {
    expect(() => parseCredentialsFile('{}', 'f')).toThrow(/must hold/)
    expect(() => parseCredentialsFile('{"credentials":[{"accessKeyId":"a"}]}', 'f')).toThrow(/credentials\[0\]/)
    expect(() => parseCredentialsFile('{"credentials":[{"accessKeyId":"a:b","accessKeySecret":"s"}]}', 'f')).toThrow(/access key id/)
  })

  it('prints the generated pair and where it was saved', () => {
    const text = describeGeneratedCredential({ accessKeyId: 'IMGPX', accessKeySecret: 'secret' }, '/p/c.json')
    expect(text).toContain('AccessKeyId:     IMGPX')
    expect(text).toContain('AccessKeySecret: secret')
    expect(text).toContain('/p/c.json')
  })
})

describe('randomString', () => {
  it('draws only from the alphabet, at the requested length', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 64 }), fc.constantFrom('ab', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 'xyz'), (length, alphabet) => {
        const text = randomString(length, alphabet)
        expect(text).toHaveLength(length)
        expect([...text].every((c) => alphabet.includes(c))).toBe(true)
      }),
    )
  })

  it('gives distinct keys on every call', () => {
    const ids = new Set(Array.from({ length: 200 }, () => generateCredential().accessKeyId))
    expect(ids.size).toBe(200)
  })
})
