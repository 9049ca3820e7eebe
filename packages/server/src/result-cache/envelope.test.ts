import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeResult, encodeResult, type CachedResult } from './envelope.js'

const result: CachedResult = {
  key: '[1,"default","b","k.jpg","e",3,5,"oss","image/resize,w_10"]',
  body: new Uint8Array([0xff, 0xd8, 0xff, 0, 1, 2]),
  contentType: 'image/jpeg',
  dependencies: [{ bucket: 'b', key: 'logo.png', version: { etag: 'x', size: 9, lastModified: 7 } }],
}

describe('stored result envelope', () => {
  it('round-trips key, content type, dependencies and body', () => {
    expect(decodeResult(encodeResult(result))).toEqual(result)
    const empty = { ...result, body: new Uint8Array(0), dependencies: [] }
    expect(decodeResult(encodeResult(empty))).toEqual(empty)
  })

  it('decodes from a view into a larger buffer', () => {
    const encoded = encodeResult(result)
    const padded = new Uint8Array(encoded.length + 10)
    padded.set(encoded, 5)
    expect(decodeResult(padded.subarray(5, 5 + encoded.length))).toEqual(result)
  })

  it('never decodes a truncated, foreign or reshaped record', () => {
    const encoded = encodeResult(result)
    for (let cut = 0; cut < 40; cut++) expect(decodeResult(encoded.subarray(0, cut))).toBeUndefined()
    expect(decodeResult(new TextEncoder().encode('IMGPROC1 something else'))).toBeUndefined()
    const wrongShape = encodeResult({ ...result, dependencies: [{ bucket: 'b', key: 'k' } as never] })
    expect(decodeResult(wrongShape)).toBeUndefined()
  })

  it('never throws on arbitrary bytes, with or without the right magic (property)', () => {
    const magic = new TextEncoder().encode('IMGPRES1')
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (tail, withMagic) => {
        const bytes = withMagic ? new Uint8Array([...magic, ...tail]) : tail
        const decoded = decodeResult(bytes)
        // random bytes cannot carry a valid JSON header of the right shape
        expect(decoded).toBeUndefined()
      }),
    )
  })
})
