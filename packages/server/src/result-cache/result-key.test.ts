import fc from 'fast-check'
import { processArbitrary } from '@imgproc/grammar/arbitrary'
import { parse, serialize } from '@imgproc/grammar'
import { describe, expect, it } from 'vitest'
import { canonicalProcess, resultKey, sameVersion, storedName, versionOf, type ResultKeyParts } from './result-key.js'

const base: ResultKeyParts = {
  namespace: 'default',
  bucket: 'photos',
  key: 'cat.jpg',
  source: { etag: 'abc', size: 10, lastModified: 1_700_000_000_000 },
  dialect: 'oss',
  process: 'image/resize,w_100',
}

describe('result keys', () => {
  it('differ when any part differs, and only then', () => {
    const variants: ResultKeyParts[] = [
      { ...base, namespace: 'other' },
      { ...base, bucket: 'photos2' },
      { ...base, key: 'cat.jpg ' },
      { ...base, source: { ...base.source, etag: 'abd' } },
      { ...base, source: { ...base.source, size: 11 } },
      { ...base, source: { ...base.source, lastModified: base.source.lastModified + 1000 } },
      { ...base, dialect: 'obs' },
      { ...base, process: 'image/resize,w_101' },
      // a separator inside a part cannot make two part lists collide
      { ...base, bucket: 'photos","cat.jpg', key: '' },
    ]
    const keys = new Set([resultKey(base), ...variants.map(resultKey)])
    expect(keys.size).toBe(variants.length + 1)
    expect(resultKey({ ...base, source: { ...base.source } })).toBe(resultKey(base))
  })

  it('hold the canonical process: equivalent spellings share a key', () => {
    const canonical = (text: string) => canonicalProcess(parse(text))
    expect(canonical('image/resize,w_100,h_50,/quality,q_80')).toBe(canonical('image/resize,h_50,w_0100//quality,q_80'))
    expect(canonical('image/resize,w_100')).not.toBe(canonical('image/resize,w_100,limit_0'))
    // a saveas suffix is never part of it
    expect(canonical(`image/resize,w_100|sys/saveas,o_${btoa('x.jpg')}`)).toBe(canonical('image/resize,w_100'))
  })

  it('canonical form is a fixed point with the same meaning (property)', () => {
    fc.assert(
      fc.property(processArbitrary({ dialect: 'oss', maxActions: 5 }), (plain) => {
        const text = serialize(plain)
        const canonical = canonicalProcess(parse(text, { maxLength: 100_000 }))
        expect(canonicalProcess(parse(canonical, { maxLength: 100_000 }))).toBe(canonical)
        const meaning = (s: string) => JSON.stringify(parse(s, { maxLength: 100_000 }).chain, (k, v) => (k === 'span' || k === 'spans' || k === 'source' ? undefined : v))
        expect(meaning(canonical)).toBe(meaning(text))
      }),
      { numRuns: 200 },
    )
  })

  it('versions compare etag, size and last-modified', () => {
    const meta = { etag: 'e', size: 1, lastModified: new Date(5000) }
    expect(versionOf(meta)).toEqual({ etag: 'e', size: 1, lastModified: 5000 })
    expect(sameVersion(versionOf(meta), versionOf({ ...meta }))).toBe(true)
    expect(sameVersion(versionOf(meta), versionOf({ ...meta, lastModified: new Date(6000) }))).toBe(false)
    expect(sameVersion(versionOf(meta), versionOf({ ...meta, size: 2 }))).toBe(false)
    expect(sameVersion(versionOf(meta), versionOf({ ...meta, etag: 'f' }))).toBe(false)
  })

  it('names stored results by the SHA-256 of the key', async () => {
    expect(await storedName('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    expect(await storedName(resultKey(base))).toMatch(/^[0-9a-f]{64}$/)
  })
})
