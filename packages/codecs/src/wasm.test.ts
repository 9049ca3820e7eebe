/**
 * Where the codecs' WebAssembly comes from (initCodecs > setWasmLoader > the runtime's default)
 * and that every way of failing is CodecUnavailable naming the file and its source. This file
 * imports the package's browser entry (./index.js) and never the Node entry, so in this process
 * the default is the fetch beside the code, which Node cannot do for a file: URL.
 */
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { encode } from './index.js'
import { nodeWasmPath } from './node.js'
import { ensureWasm, provideWasm, setWasmLoader, WASM_FILES } from './wasm.js'
import { wasmUrl } from './wasm-urls.js'

const image = { width: 2, height: 2, data: new Uint8ClampedArray(16).fill(128) }
const bytesOf = (file: (typeof WASM_FILES)[number]) => new Uint8Array(readFileSync(nodeWasmPath(file)))

afterEach(() => setWasmLoader(undefined))

describe('the browser entry run in Node with no set-up', () => {
  it('encoding a JPEG is CodecUnavailable naming the file: URL it tried and the Node remedy', async () => {
    const failure = encode(image, 'jpeg')
    await expect(failure).rejects.toMatchObject({ code: 'CodecUnavailable', status: 500 })
    await expect(failure).rejects.toThrow(`Could not load libjpeg_turbo.wasm from ${wasmUrl('libjpeg_turbo.wasm').href}`)
    await expect(failure).rejects.toThrow('import @imgproc/codecs by its package name')
  })

  it('a failure is not remembered: handing the module over afterwards works', async () => {
    await expect(encode(image, 'jpeg')).rejects.toMatchObject({ code: 'CodecUnavailable' })
    provideWasm({ 'libjpeg_turbo.wasm': await WebAssembly.compile(bytesOf('libjpeg_turbo.wasm')) })
    const jpeg = await encode(image, 'jpeg')
    expect([...jpeg.subarray(0, 2)]).toEqual([0xff, 0xd8])
  })
})

describe('ensureWasm sources', () => {
  it('bytes given to initCodecs that are not WebAssembly: CodecUnavailable naming initCodecs', async () => {
    provideWasm({ 'avif_enc.wasm': new Uint8Array([1, 2, 3, 4]) })
    const failure = ensureWasm('avif_enc.wasm', async () => {})
    await expect(failure).rejects.toMatchObject({ code: 'CodecUnavailable' })
    await expect(failure).rejects.toThrow('Could not load avif_enc.wasm from the bytes passed to initCodecs()')
  })

  it('a setWasmLoader loader that throws: CodecUnavailable naming the loader and its message', async () => {
    setWasmLoader(async () => {
      throw new Error('bucket unreachable')
    })
    const failure = ensureWasm('avif_dec.wasm', async () => {})
    await expect(failure).rejects.toMatchObject({ code: 'CodecUnavailable' })
    await expect(failure).rejects.toThrow(/avif_dec\.wasm with the loader installed by setWasmLoader\(\): bucket unreachable/)
  })

  it('the loader is asked only for files not handed over, and its module reaches the glue', async () => {
    const asked: string[] = []
    const module = await WebAssembly.compile(bytesOf('imgproc_png.wasm'))
    setWasmLoader(async (file) => {
      asked.push(file)
      return module
    })
    let started: WebAssembly.Module | undefined
    await ensureWasm('imgproc_png.wasm', async (m) => {
      started = m
    })
    expect(asked).toEqual(['imgproc_png.wasm'])
    expect(started).toBe(module)
  })

  it('a module that is found but does not start (another build of the glue): CodecUnavailable saying where it came from', async () => {
    provideWasm({ 'libheif.wasm': await WebAssembly.compile(bytesOf('webp_dec.wasm')) })
    const failure = ensureWasm('libheif.wasm', async () => {
      throw new WebAssembly.LinkError('import object field "a" is not a Function')
    })
    await expect(failure).rejects.toMatchObject({ code: 'CodecUnavailable' })
    await expect(failure).rejects.toThrow('it was found (initCodecs()) but did not start: import object field')
  })

  it('concurrent callers share one attempt', async () => {
    let starts = 0
    provideWasm({ 'webp_enc_simd.wasm': await WebAssembly.compile(bytesOf('webp_enc_simd.wasm')) })
    const start = async () => {
      starts++
    }
    await Promise.all([ensureWasm('webp_enc_simd.wasm', start), ensureWasm('webp_enc_simd.wasm', start)])
    await ensureWasm('webp_enc_simd.wasm', start)
    expect(starts).toBe(1)
  })
})
