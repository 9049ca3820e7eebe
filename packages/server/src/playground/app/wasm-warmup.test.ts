import { WASM_FILES } from '@imgproc/codecs'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { sourceKind, wasmFilesFor } from './wasm-warmup.js'

const bytes = (...parts: Array<number[] | string>) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)))

describe('wasm warm-up', () => {
  it('knows JPEG, PNG and WebP by their first bytes', () => {
    expect(sourceKind(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg')
    expect(sourceKind(bytes([0x89], 'PNG\r\n'))).toBe('png')
    expect(sourceKind(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))).toBe('webp')
    expect(sourceKind(bytes('GIF89a'))).toBe('other')
    expect(sourceKind(new Uint8Array())).toBe('other')
  })

  it("names the source's decoder and the encoder of format, (else the source's own)", () => {
    expect(wasmFilesFor('image/resize,m_fill,w_300,h_200/rotate,90/format,webp', 'jpeg')).toEqual(['libjpeg_turbo.wasm', 'webp_enc_simd.wasm'])
    expect(wasmFilesFor('image/resize,w_100', 'png')).toEqual(['imgproc_png.wasm'])
    expect(wasmFilesFor('image/format,jpg', 'jpeg')).toEqual(['libjpeg_turbo.wasm'])
    expect(wasmFilesFor('image/format,png', 'webp')).toEqual(['webp_dec.wasm', 'imgproc_png.wasm'])
    expect(wasmFilesFor('image/format,gif', 'other')).toEqual([])
    expect(wasmFilesFor('image/info', 'other')).toEqual([])
  })

  it('only ever names files the codecs ship, whatever the string and bytes', () => {
    const shipped = new Set<string>(WASM_FILES)
    fc.assert(
      fc.property(fc.string(), fc.uint8Array({ maxLength: 16 }), (text, head) => {
        for (const file of wasmFilesFor(text, sourceKind(head))) expect(shipped.has(file)).toBe(true)
      }),
    )
  })
})

describe('compiledWasm', () => {
  // the smallest valid module: the magic number and version 1
  const EMPTY_MODULE = Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00)
  const realFetch = globalThis.fetch
  afterEach(() => {
    globalThis.fetch = realFetch
  })

  it('compiles a file once, with or without the application/wasm type; a failure is forgotten and retried', async () => {
    const { compiledWasm } = await import('./wasm-warmup.js')
    const asked: string[] = []
    let broken = true
    globalThis.fetch = (async (url: string) => {
      asked.push(url)
      if (url.endsWith('b.wasm') && broken) return new Response('nope', { status: 404 })
      const type = url.endsWith('a.wasm') ? 'application/wasm' : 'application/octet-stream'
      return new Response(EMPTY_MODULE, { headers: { 'content-type': type } })
    }) as typeof fetch
    const first = await compiledWasm('a.wasm')
    expect(first).toBeInstanceOf(WebAssembly.Module)
    expect(await compiledWasm('a.wasm')).toBe(first)
    await expect(compiledWasm('b.wasm')).rejects.toThrow('GET /-/playground/b.wasm answered HTTP 404')
    broken = false
    expect(await compiledWasm('b.wasm')).toBeInstanceOf(WebAssembly.Module)
    expect(asked).toEqual(['/-/playground/a.wasm', '/-/playground/b.wasm', '/-/playground/b.wasm'])
  })

  it('says which file is not WebAssembly', async () => {
    const { compiledWasm } = await import('./wasm-warmup.js')
    globalThis.fetch = (async () => new Response('<html>', { headers: { 'content-type': 'text/html' } })) as unknown as typeof fetch
    await expect(compiledWasm('c.wasm')).rejects.toThrow(/\/-\/playground\/c\.wasm is not WebAssembly this browser can compile/)
  })
})
