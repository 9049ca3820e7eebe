import { WASM_FILES } from '@imgproc/codecs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
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
