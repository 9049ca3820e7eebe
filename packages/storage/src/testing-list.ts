/** Conformance cases: listing (byte order, prefix, delimiter, start-after, cursor pagination). */
import { describe, expect, it } from 'vitest'
import type { ListOptions, StorageAdapter } from '@imgproc/types'
import type { SuiteContext } from './testing.js'
import { errorCode, utf8 } from './testing-helpers.js'

async function listAll(storage: StorageAdapter, bucket: string, options: ListOptions): Promise<{ keys: string[]; prefixes: string[]; pages: number }> {
  const keys: string[] = []
  const prefixes: string[] = []
  let cursor: string | undefined
  let pages = 0
  do {
    const page = await storage.list(bucket, { ...options, ...(cursor ? { cursor } : {}) })
    pages += 1
    expect(page.objects.length + page.commonPrefixes.length).toBeLessThanOrEqual(options.maxKeys ?? 1000)
    keys.push(...page.objects.map((o) => o.key))
    prefixes.push(...page.commonPrefixes)
    cursor = page.nextCursor
  } while (cursor && pages < 10_000)
  return { keys, prefixes, pages }
}

const utf8Order = (a: string, b: string) => compareBytes(utf8(a), utf8(b))
function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!
  return a.length - b.length
}

export function defineListCases(context: SuiteContext): void {
  describe('listing', () => {
    const keys = [
      'a.txt', 'B.txt', 'a/1', 'a/2', 'a/b/1', 'a/b/2', 'a/c', 'ab', 'b/x', 'b/y/z',
      '\u00e9t\u00e9', '\u{1f600}', '\uff5e', 'z', 'a-', 'a0', 'dir/', 'dir/sub/',
    ]
    let bucket = ''
    const ready = async () => {
      if (bucket) return bucket
      bucket = await context.newBucket('list')
      await Promise.all(keys.map((key) => context.adapter().put(bucket, key, utf8(key))))
      return bucket
    }

    it('lists everything sorted by UTF-8 bytes with size, ETag and date', async () => {
      const storage = context.adapter()
      const b = await ready()
      const page = await storage.list(b)
      expect(page.objects.map((o) => o.key)).toEqual([...keys].sort(utf8Order))
      expect(page.commonPrefixes).toEqual([])
      expect(page.nextCursor).toBeUndefined()
      const first = page.objects.find((o) => o.key === 'a/1')!
      expect(first.size).toBe(3)
      expect(first.etag).toMatch(/^[0-9a-f]{32}$/)
      expect(first.lastModified).toBeInstanceOf(Date)
    })

    it('filters by prefix and rolls up by delimiter', async () => {
      const storage = context.adapter()
      const b = await ready()
      const top = await storage.list(b, { delimiter: '/' })
      expect(top.commonPrefixes).toEqual(['a/', 'b/', 'dir/'])
      expect(top.objects.map((o) => o.key)).toEqual(['B.txt', 'a-', 'a.txt', 'a0', 'ab', 'z', '\u00e9t\u00e9', '\uff5e', '\u{1f600}'])
      const underA = await storage.list(b, { prefix: 'a/', delimiter: '/' })
      expect(underA.objects.map((o) => o.key)).toEqual(['a/1', 'a/2', 'a/c'])
      expect(underA.commonPrefixes).toEqual(['a/b/'])
      const dir = await storage.list(b, { prefix: 'dir/', delimiter: '/' })
      expect(dir.objects.map((o) => o.key)).toEqual(['dir/'])
      expect(dir.commonPrefixes).toEqual(['dir/sub/'])
      expect((await storage.list(b, { prefix: 'nothing-here' })).objects).toEqual([])
    })

    it('pages with a cursor without losing or repeating anything, with and without delimiter', async () => {
      const storage = context.adapter()
      const b = await ready()
      for (const maxKeys of [1, 2, 5]) {
        const flat = await listAll(storage, b, { maxKeys })
        expect(flat.keys).toEqual([...keys].sort(utf8Order))
        const rolled = await listAll(storage, b, { maxKeys, delimiter: '/' })
        expect(rolled.prefixes).toEqual(['a/', 'b/', 'dir/'])
        expect(rolled.keys.length).toBe(9)
        const underA = await listAll(storage, b, { maxKeys, prefix: 'a/', delimiter: '/' })
        expect([...underA.keys, ...underA.prefixes].sort()).toEqual(['a/1', 'a/2', 'a/b/', 'a/c'])
      }
    })

    it('starts after a key (OSS marker)', async () => {
      const storage = context.adapter()
      const b = await ready()
      const page = await storage.list(b, { startAfter: 'a/c' })
      expect(page.objects.map((o) => o.key)).toEqual([...keys].sort(utf8Order).filter((k) => utf8Order(k, 'a/c') > 0))
      const rolled = await storage.list(b, { startAfter: 'a/1', delimiter: '/', prefix: 'a/' })
      expect(rolled.objects.map((o) => o.key)).toEqual(['a/2', 'a/c'])
      expect(rolled.commonPrefixes).toEqual(['a/b/'])
    })

    it('refuses a page size outside 1..1000', async () => {
      const storage = context.adapter()
      const b = await ready()
      expect(await errorCode(storage.list(b, { maxKeys: 0 }))).toBe('InvalidArgument')
      expect(await errorCode(storage.list(b, { maxKeys: 1001 }))).toBe('InvalidArgument')
    })

    it('pages through a few thousand keys', async () => {
      const storage = context.adapter()
      const many = await context.newBucket('many')
      const names = Array.from({ length: context.options.manyKeys }, (_, i) => `k/${String(i).padStart(5, '0')}`)
      for (let i = 0; i < names.length; i += 50) {
        await Promise.all(names.slice(i, i + 50).map((key) => storage.put(many, key, utf8('.'))))
      }
      const all = await listAll(storage, many, {})
      expect(all.keys).toEqual(names)
      // 1000 per page; an adapter may return short pages (S3 hides its reserved keys), so allow one more
      expect(all.pages).toBeGreaterThanOrEqual(Math.ceil(names.length / 1000))
      expect(all.pages).toBeLessThanOrEqual(Math.ceil(names.length / 1000) + 1)
    })
  })
}
