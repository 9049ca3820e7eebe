import { describe, expect, it } from 'vitest'
import { acceptsGzip, prepareStatic, staticCache, staticResponse } from './static-response.js'

const js = new TextEncoder().encode('export const x = 1;\n'.repeat(200))
const file = { name: 'app.js', body: js, type: 'text/javascript; charset=utf-8', cacheControl: 'no-cache' }
const get = (headers: Record<string, string> = {}, method = 'GET') => new Request('http://localhost/-/playground/app.js', { method, headers })

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'))
  return new Uint8Array(await new Response(stream).arrayBuffer())
}

describe('staticResponse', () => {
  it('sends the plain bytes until the gzip is ready, then gzips for a client that accepts it', async () => {
    const cache = staticCache()
    const gz = { 'accept-encoding': 'gzip, deflate, br' }
    const early = await staticResponse(get(gz), file, cache)
    expect(early.headers.get('content-encoding')).toBeNull()
    expect(early.headers.get('vary')).toBe('accept-encoding')
    expect(new Uint8Array(await early.arrayBuffer())).toEqual(js)
    await (await prepareStatic(file, cache)).compressed
    const response = await staticResponse(get(gz), file, cache)
    expect(response.headers.get('content-encoding')).toBe('gzip')
    expect(response.headers.get('cache-control')).toBe('no-cache')
    expect(response.headers.get('vary')).toBe('accept-encoding')
    // each representation has its own strong ETag
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{24}-gz"$/)
    expect(response.headers.get('etag')).toBe(early.headers.get('etag')!.replace(/"$/, '-gz"'))
    const body = new Uint8Array(await response.arrayBuffer())
    expect(body.byteLength).toBeLessThan(js.byteLength / 4)
    expect(await gunzip(body)).toEqual(js)
  })

  it('sends the plain bytes otherwise, and small or incompressible bodies as they are', async () => {
    const cache = staticCache()
    const plain = await staticResponse(get(), file, cache)
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(new Uint8Array(await plain.arrayBuffer())).toEqual(js)
    const refused = await staticResponse(get({ 'accept-encoding': 'gzip;q=0' }), file, cache)
    expect(refused.headers.get('content-encoding')).toBeNull()
    const jpeg = await staticResponse(get({ 'accept-encoding': 'gzip' }), { name: 'x.jpg', body: new Uint8Array(4096), type: 'image/jpeg', cacheControl: 'no-cache' }, cache)
    expect(jpeg.headers.get('content-encoding')).toBeNull()
    expect(jpeg.headers.get('vary')).toBeNull()
  })

  it('answers 304 to a matching If-None-Match (either representation), and HEAD without a body', async () => {
    const cache = staticCache()
    const etag = (await staticResponse(get(), file, cache)).headers.get('etag')!
    const again = await staticResponse(get({ 'if-none-match': `W/${etag}`, 'accept-encoding': 'gzip' }), file, cache)
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    const gzipTag = etag.replace(/"$/, '-gz"')
    const zipped = await staticResponse(get({ 'if-none-match': `"other", ${gzipTag}` }), file, cache)
    expect(zipped.status).toBe(304)
    expect(zipped.headers.get('etag')).toBe(gzipTag)
    expect((await staticResponse(get({ 'if-none-match': '"other"' }), file, cache)).status).toBe(200)
    const head = await staticResponse(get({}, 'HEAD'), file, cache)
    expect(head.headers.get('content-length')).toBe(String(js.byteLength))
    expect(await head.text()).toBe('')
  })

  it('reads Accept-Encoding as HTTP does', () => {
    expect(acceptsGzip('gzip')).toBe(true)
    expect(acceptsGzip('br, GZIP;q=0.5')).toBe(true)
    expect(acceptsGzip('*')).toBe(true)
    expect(acceptsGzip('gzip;q=0')).toBe(false)
    expect(acceptsGzip('br')).toBe(false)
    expect(acceptsGzip(null)).toBe(false)
  })
})
