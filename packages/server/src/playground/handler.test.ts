import { ImgError } from '@imgproc/types'
import { describe, expect, it } from 'vitest'
import type { UploadWork } from '../upload-work.js'
import { memoryAssets } from './assets.js'
import { demoResultUrl } from './app/demo-url.js'
import { createPlaygroundHandler } from './handler.js'

// A stand-in for the server's guarded upload work (security/playground.test.ts tests the real one): it
// echoes the job so the routing is visible, and enforces the body limit it is given.
const uploadWork: UploadWork = async (req, job) => {
  if (job.process.includes('w_0')) throw new ImgError('InvalidArgument', 'The value: 0 of parameter: w is invalid.')
  // a held source (the demo) is the handler's own bytes: the real upload work copies it for the job (upload-work.test.ts)
  const source = job.source ?? new Uint8Array(await req.arrayBuffer())
  if (source.byteLength > (job.maxBytes ?? Infinity)) throw new ImgError('EntityTooLarge')
  if (source.byteLength === 0) throw new ImgError('MissingArgument')
  return { body: new TextEncoder().encode(`${job.dialect}:${job.process}:${source.byteLength}`), contentType: 'image/webp' }
}
const handler = createPlaygroundHandler({
  uploadWork,
  assets: memoryAssets({ 'app.js': new TextEncoder().encode('console.log(1)'), 'webp_dec.wasm': Uint8Array.of(0, 97, 115, 109) }),
  demoImage: async () => Uint8Array.of(0xff, 0xd8, 0xff),
  fonts: (name) => (name === 'wqy-zenhei' ? Uint8Array.of(0, 1, 0, 0) : null),
  bundledFile: async (file) => {
    if (file === 'noto-sans-sc-latin-400-normal.woff' || file === 'hb.wasm') return new TextEncoder().encode(file)
    throw new Error(`ENOENT ${file}`)
  },
})
const at = (path: string, init?: RequestInit) => handler(new Request(`http://localhost${path}`, init))

describe('createPlaygroundHandler', () => {
  it('leaves other paths to the server', async () => {
    expect(await at('/bucket/key')).toBeUndefined()
    expect(await at('/-/playgroundx')).toBeUndefined()
  })

  it('serves the page, the bundle, the WASM and the demo image with their types', async () => {
    const page = (await at('/-/playground'))!
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await page.text()
    expect(html).toContain('id="process"')
    expect(html).toContain('src="/-/playground/app.js"')
    expect(html).toContain('id="demo"')
    expect((await at('/-/playground/app.js'))!.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect((await at('/-/playground/webp_dec.wasm'))!.headers.get('content-type')).toBe('application/wasm')
    expect([...new Uint8Array(await (await at('/-/playground/demo.jpg'))!.arrayBuffer())]).toEqual([0xff, 0xd8, 0xff])
  })

  it('serves the page and the bundle gzipped when accepted, with an ETag that revalidates to 304', async () => {
    const gz = { 'accept-encoding': 'gzip, br' }
    const page = (await at('/-/playground', { headers: gz }))!
    expect(page.headers.get('content-encoding')).toBe('gzip')
    expect(page.headers.get('cache-control')).toBe('no-cache')
    const html = await new Response(page.body!.pipeThrough(new DecompressionStream('gzip'))).text()
    expect(html).toContain('id="process"')
    const etag = page.headers.get('etag')!
    expect((await at('/-/playground', { headers: { ...gz, 'if-none-match': etag } }))!.status).toBe(304)
    expect((await at('/-/playground'))!.headers.get('content-encoding')).toBeNull()
    // a 14-byte script is not worth a gzip header; it still gets its ETag
    const app = (await at('/-/playground/app.js', { headers: gz }))!
    expect(app.headers.get('content-encoding')).toBeNull()
    expect(app.headers.get('etag')).toMatch(/^"[0-9a-f]+"$/)
  })

  it('names the chunks of app.js and of the engine it imports in modulepreload links, not the codecs the engine loads later', async () => {
    const text = (script: string) => new TextEncoder().encode(script)
    const assets = memoryAssets({
      'app.js': text('import{a}from"./chunk-A1.js";const e=()=>import("./chunk-B2.js");'),
      'chunk-B2.js': text('import"./chunk-C3.js";const glue=()=>import("./chunk-D4.js");'),
    })
    const withChunks = createPlaygroundHandler({ uploadWork, assets })
    const html = await (await withChunks(new Request('http://localhost/-/playground')))!.text()
    for (const chunk of ['chunk-A1.js', 'chunk-B2.js', 'chunk-C3.js']) expect(html).toContain(`<link rel="modulepreload" href="/-/playground/${chunk}">`)
    expect(html).not.toContain('chunk-D4.js')
    expect(html).not.toContain('id="demo"')
  })

  it("processes the demo with a GET (the page preloads the example's result), through the same upload work", async () => {
    const html = await (await at('/-/playground'))!.text()
    const preload = /<link rel="preload" href="([^"]+x-oss-process=[^"]+)" as="fetch" crossorigin="anonymous">/.exec(html)
    expect(preload?.[1]).toBe(demoResultUrl('image/resize,m_fill,w_300,h_200/rotate,90/quality,Q_80', 'oss'))
    const result = (await at(preload![1]!))!
    expect(result.headers.get('content-type')).toBe('image/webp')
    expect(result.headers.get('cache-control')).toBe('no-store')
    expect(await result.text()).toBe('oss:image/resize,m_fill,w_300,h_200/rotate,90/quality,Q_80:3')
    expect(await (await at(demoResultUrl('image/info', 'obs')))!.text()).toBe('obs:image/info:3')
    // the demo itself is still served whole after being processed
    expect([...new Uint8Array(await (await at('/-/playground/demo.jpg'))!.arrayBuffer())]).toEqual([0xff, 0xd8, 0xff])
    const bad = (await at(demoResultUrl('image/resize,w_0', 'oss')))!
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ Code: 'InvalidArgument' })
    // a HEAD is the demo's own (no image work), as a HEAD with x-oss-process is a plain HeadObject
    const head = (await at(demoResultUrl('image/resize,w_0', 'oss'), { method: 'HEAD' }))!
    expect([head.status, head.headers.get('content-type')]).toEqual([200, 'image/jpeg'])
    // without an engine: no preload, and the GET says why
    const noEngine = createPlaygroundHandler({ assets: memoryAssets({}), demoImage: async () => Uint8Array.of(0xff, 0xd8, 0xff) })
    expect(await (await noEngine(new Request('http://localhost/-/playground')))!.text()).not.toContain('href="/-/playground/demo.jpg?')
    expect((await noEngine(new Request(`http://localhost${demoResultUrl('image/info', 'oss')}`)))!.status).toBe(501)
  })

  it('serves fonts by OSS name, 404 for unknown ones', async () => {
    const font = (await at('/-/playground/fonts/wqy-zenhei'))!
    expect(font.headers.get('content-type')).toBe('font/ttf')
    expect([...new Uint8Array(await font.arrayBuffer())]).toEqual([0, 1, 0, 0])
    expect((await at('/-/playground/fonts/fangzhengkaiti'))!.status).toBe(404)
    expect((await at('/-/playground/fonts/..%2Fx'))!.status).toBe(404)
  })

  it('serves the bundled font files and the shaper where the browser engine looks for them (beside app.js)', async () => {
    const woff = (await at('/-/playground/fonts/noto-sans-sc-latin-400-normal.woff'))!
    expect(woff.headers.get('content-type')).toBe('font/woff')
    expect(await woff.text()).toBe('noto-sans-sc-latin-400-normal.woff')
    const wasm = (await at('/-/playground/hb.wasm'))!
    expect(wasm.headers.get('content-type')).toBe('application/wasm')
    expect(await wasm.text()).toBe('hb.wasm')
    for (const path of ['/-/playground/fonts/missing.woff', '/-/playground/fonts/..%2F..%2Fx.woff', '/-/playground/fonts/a/b.woff']) {
      expect((await at(path))!.status, path).toBe(404)
    }
  })

  it('answers 404 JSON for unknown files and refuses path tricks', async () => {
    for (const path of ['/-/playground/nope.js', '/-/playground/..%2Fsecret', '/-/playground/a/b.js']) {
      const response = (await at(path))!
      expect(response.status, path).toBe(404)
      expect(await response.json()).toMatchObject({ Code: 'NoSuchKey' })
    }
  })

  it('runs the posted image through the processor in the dialect of the query key', async () => {
    const oss = (await at('/-/playground/process?x-oss-process=image/rotate,90', { method: 'POST', body: Uint8Array.of(1, 2, 3) }))!
    expect(oss.headers.get('content-type')).toBe('image/webp')
    expect(Number(oss.headers.get('x-imgproc-elapsed-ms'))).toBeGreaterThanOrEqual(0)
    expect(await oss.text()).toBe('oss:image/rotate,90:3')
    const obs = (await at('/-/playground/process?x-image-process=image/info', { method: 'POST', body: Uint8Array.of(1) }))!
    expect(await obs.text()).toBe('obs:image/info:1')
  })

  it("refuses image work a browser marks as another site's request, before reading anything", async () => {
    const crossSite = { 'sec-fetch-site': 'cross-site' }
    for (const response of [
      (await at(demoResultUrl('image/info', 'oss'), { headers: crossSite }))!,
      (await at('/-/playground/process?x-oss-process=image/info', { method: 'POST', body: Uint8Array.of(1), headers: crossSite }))!,
    ]) {
      expect(response.status).toBe(403)
      expect(await response.json()).toMatchObject({ Code: 'AccessDenied' })
    }
    // the page's own requests (same-origin) and clients that send no such header are served
    expect((await at(demoResultUrl('image/info', 'oss'), { headers: { 'sec-fetch-site': 'same-origin' } }))!.status).toBe(200)
    expect((await at('/-/playground/demo.jpg', { headers: crossSite }))!.status).toBe(200)
  })

  it('maps errors to their status and OSS code', async () => {
    const bad = (await at('/-/playground/process?x-oss-process=image/resize,w_0', { method: 'POST', body: Uint8Array.of(1) }))!
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({ Code: 'InvalidArgument', Message: 'The value: 0 of parameter: w is invalid.' })
    expect((await at('/-/playground/process', { method: 'POST', body: Uint8Array.of(1) }))!.status).toBe(400)
    expect((await at('/-/playground/process?x-oss-process=image/info', { method: 'POST' }))!.status).toBe(400)
    expect((await at('/-/playground', { method: 'DELETE' }))!.status).toBe(405)
  })

  it('refuses uploads over the limit', async () => {
    const small = createPlaygroundHandler({ uploadWork, assets: memoryAssets({}), maxUploadBytes: 2 })
    const response = (await small(new Request('http://localhost/-/playground/process?x-oss-process=image/info', { method: 'POST', body: Uint8Array.of(1, 2, 3) })))!
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ Code: 'EntityTooLarge' })
  })
})
