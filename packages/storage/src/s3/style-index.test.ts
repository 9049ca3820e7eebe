// The compare-and-swap loop against a small fake S3 (path style, one bucket), for the store
// behaviours Ceph RGW cannot show: If-Match wanted quoted, conditions ignored altogether, endless
// contention. The real race between replicas runs in the conformance suite against RGW.
import { describe, expect, it } from 'vitest'
import { md5Hex } from '../bytes.js'
import { createS3Client } from './client.js'
import { createStyleIndex, PROBE_KEY, STYLE_INDEX_KEY } from './style-index.js'

type IfMatchForm = 'bare' | 'quoted' | 'ignored'

/** A fake store: objects by key; `ifMatch` says which If-Match form it honours. */
function fakeS3(ifMatch: IfMatchForm, opts: { interfere?: () => string | undefined } = {}) {
  const objects = new Map<string, string>()
  const puts: Array<{ key: string; headers: Record<string, string> }> = []
  const reply = (status: number, body = '', headers: Record<string, string> = {}) => new Response(status === 204 ? null : body, { status, headers })
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init)
    const path = decodeURIComponent(new URL(request.url).pathname)
    const key = path.replace(/^\/bkt\//, '')
    const current = objects.get(key)
    if (request.method === 'GET') {
      if (current === undefined) return reply(404, '<Error><Code>NoSuchKey</Code><Message/></Error>')
      return reply(200, current, { etag: `"${md5Hex(new TextEncoder().encode(current))}"` })
    }
    if (request.method === 'DELETE') {
      objects.delete(key)
      return reply(204)
    }
    const headers = Object.fromEntries(request.headers)
    puts.push({ key, headers })
    const etag = current === undefined ? undefined : md5Hex(new TextEncoder().encode(current))
    const wanted = headers['if-match']
    if (ifMatch !== 'ignored') {
      if (headers['if-none-match'] === '*' && current !== undefined) return reply(412)
      if (wanted !== undefined && (etag === undefined || wanted !== (ifMatch === 'quoted' ? `"${etag}"` : etag))) return reply(412)
    }
    const sneaked = wanted !== undefined && key === STYLE_INDEX_KEY ? opts.interfere?.() : undefined
    if (sneaked !== undefined) {
      objects.set(key, sneaked) // another replica got there first
      return reply(412)
    }
    objects.set(key, await request.text())
    return reply(200)
  }
  const client = createS3Client({ endpoint: 'http://127.0.0.1:9', accessKeyId: 'AK', secretAccessKey: 'SK', fetch: fetch as typeof globalThis.fetch })
  return { client, objects, puts }
}

const style = (name: string) => ({ name, content: 'image/resize,w_1', category: 'image', createdAt: new Date(1000), lastModified: new Date(1000) })
const add = (name: string) => (styles: ReturnType<typeof style>[]) => ({ styles: [...styles, style(name)], result: name })

describe('style index (compare-and-swap)', () => {
  it('creates the index with If-None-Match: * and then changes it with the bare ETag', async () => {
    const store = fakeS3('bare')
    const index = createStyleIndex(store.client)
    await index.update('bkt', add('a'))
    await index.update('bkt', add('b'))
    expect((await index.read('bkt')).styles.map((s) => s.name)).toEqual(['a', 'b'])
    const writes = store.puts.filter((p) => p.key === STYLE_INDEX_KEY)
    expect(writes[0]!.headers['if-none-match']).toBe('*')
    expect(writes[1]!.headers['if-match']).toMatch(/^[0-9a-f]{32}$/)
  })

  it('switches to a quoted If-Match for a store that compares quoted ETags', async () => {
    const store = fakeS3('quoted')
    const index = createStyleIndex(store.client)
    await index.update('bkt', add('a'))
    await index.update('bkt', add('b'))
    await index.update('bkt', add('c'))
    expect((await index.read('bkt')).styles.map((s) => s.name)).toEqual(['a', 'b', 'c'])
    // one refused bare attempt, then quoted from there on
    const forms = store.puts.filter((p) => p.key === STYLE_INDEX_KEY && p.headers['if-match']).map((p) => p.headers['if-match']!.startsWith('"'))
    expect(forms).toEqual([false, true, true])
  })

  it('refuses to write styles on a store that ignores conditions (NotImplemented), and leaves no probe object', async () => {
    const store = fakeS3('ignored')
    const index = createStyleIndex(store.client)
    await expect(index.update('bkt', add('a'))).rejects.toMatchObject({ code: 'NotImplemented' })
    expect(store.objects.has(PROBE_KEY)).toBe(false)
    expect(store.objects.has(STYLE_INDEX_KEY)).toBe(false)
  })

  it('writes without conditions and without the probe when conditionalWrites is false', async () => {
    const store = fakeS3('ignored')
    const index = createStyleIndex(store.client, { conditionalWrites: false })
    await index.update('bkt', add('a'))
    expect((await index.read('bkt')).styles.map((s) => s.name)).toEqual(['a'])
    expect(store.puts.map((p) => p.key)).toEqual([STYLE_INDEX_KEY])
    expect(store.puts[0]!.headers['if-none-match']).toBeUndefined()
  })

  it('applies the change to what another replica wrote in between, and gives up with SlowDown under endless contention', async () => {
    let rival = 0
    const store = fakeS3('bare', { interfere: () => (rival < 1 ? JSON.stringify({ styles: [{ ...style(`rival${rival++}`), createdAt: 1, lastModified: 1 }] }) : undefined) })
    const index = createStyleIndex(store.client)
    await index.update('bkt', add('first')) // creates the index (no interference on If-None-Match)
    await index.update('bkt', add('mine')) // loses once to the rival, then applies on top of its version
    expect((await index.read('bkt')).styles.map((s) => s.name)).toEqual(['rival0', 'mine'])

    const busy = fakeS3('bare', { interfere: () => JSON.stringify({ styles: [{ ...style(`r${Math.random()}`), createdAt: 1, lastModified: 1 }] }) })
    const stuck = createStyleIndex(busy.client, { maxAttempts: 3 })
    await stuck.update('bkt', add('first'))
    await expect(stuck.update('bkt', add('never'))).rejects.toMatchObject({ code: 'SlowDown' })
  })

  it('runs one change of a bucket at a time within an adapter', async () => {
    const store = fakeS3('bare')
    const index = createStyleIndex(store.client)
    const names = Array.from({ length: 8 }, (_, i) => `s${i}`)
    await Promise.all(names.map((name) => index.update('bkt', add(name))))
    expect((await index.read('bkt')).styles.map((s) => s.name)).toEqual(names)
    // no compare-and-swap was ever refused: the queue kept them apart
    expect(store.puts.filter((p) => p.key === STYLE_INDEX_KEY)).toHaveLength(names.length)
  })
})
