/**
 * The default outside Node, Deno and Bun: fetch the .wasm beside the code. Served over loopback
 * HTTP as a browser would get it; every failure is CodecUnavailable and names the URL.
 */
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { nodeWasmPath } from './node.js'
import { fetchWasm } from './wasm-fetch.js'
import { wasmUrl } from './wasm-urls.js'

let server: Server
let base: string

beforeAll(async () => {
  const wasm = readFileSync(nodeWasmPath('webp_dec.wasm'))
  server = createServer((req, res) => {
    if (req.url === '/assets/webp_dec.wasm') res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(wasm)
    else if (req.url === '/spa/webp_dec.wasm') res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>app shell')
    else res.writeHead(404, 'Not Found').end()
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((done) => server.close(() => done())))
afterEach(() => vi.unstubAllGlobals())

describe('fetchWasm', () => {
  it('compiles the file served at the URL, whatever its Content-Type', async () => {
    const loaded = await fetchWasm('webp_dec.wasm', new URL(`${base}/assets/webp_dec.wasm`))
    expect(loaded.module).toBeInstanceOf(WebAssembly.Module)
    expect(loaded.from).toBe(`${base}/assets/webp_dec.wasm`)
  })

  it('a file that is not served: CodecUnavailable with the URL, the status and where the files belong', async () => {
    const url = `${base}/missing/webp_dec.wasm`
    const failure = fetchWasm('webp_dec.wasm', new URL(url))
    await expect(failure).rejects.toMatchObject({ code: 'CodecUnavailable', status: 500 })
    await expect(failure).rejects.toThrow(`Could not load webp_dec.wasm from ${url}: HTTP 404 Not Found.`)
    await expect(failure).rejects.toThrow('beside your bundle')
  })

  it('an HTML page instead of the file (a single-page app fallback) is refused as not WebAssembly', async () => {
    await expect(fetchWasm('webp_dec.wasm', new URL(`${base}/spa/webp_dec.wasm`))).rejects.toThrow(/not WebAssembly \(text\/html, \d+ bytes\)/)
  })

  it('an unreachable server is CodecUnavailable naming the URL', async () => {
    const url = 'http://127.0.0.1:9/webp_dec.wasm' // the discard port: nothing listens
    await expect(fetchWasm('webp_dec.wasm', new URL(url))).rejects.toMatchObject({ code: 'CodecUnavailable', message: expect.stringContaining(url) })
  })

  it("in Node a file: URL gives the Node advice (Node's fetch cannot read files)", async () => {
    const url = wasmUrl('webp_dec.wasm')
    expect(url.protocol).toBe('file:')
    const failure = fetchWasm('webp_dec.wasm')
    await expect(failure).rejects.toMatchObject({ code: 'CodecUnavailable' })
    await expect(failure).rejects.toThrow(url.href)
    await expect(failure).rejects.toThrow('initNode()')
  })

  it('in Cloudflare Workers nothing is fetched: the error says to import the file and pass it', async () => {
    vi.stubGlobal('navigator', { userAgent: 'Cloudflare-Workers' })
    const failure = fetchWasm('libjpeg_turbo.wasm', new URL(`${base}/assets/libjpeg_turbo.wasm`))
    await expect(failure).rejects.toMatchObject({ code: 'CodecUnavailable' })
    await expect(failure).rejects.toThrow("initCodecs({ 'libjpeg_turbo.wasm': module })")
  })
})

describe('wasmUrl', () => {
  it('points beside the code, one literal URL per file (what bundlers pick up)', () => {
    const here = new URL('.', import.meta.url).href
    expect(wasmUrl('libheif.wasm').href).toBe(`${here}libheif.wasm`)
    const source = readFileSync(new URL('./wasm-urls.ts', import.meta.url), 'utf8')
    expect(source.match(/new URL\('\.\/[\w]+\.wasm', import\.meta\.url\)/g)).toHaveLength(8)
  })
})
