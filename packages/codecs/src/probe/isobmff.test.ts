import { ImgError } from '@imgproc/types'
import { describe, expect, it } from 'vitest'
import { decode, probe } from '../node-index.js' // the Node entry: .wasm files read from disk
import { sniff } from '../sniff.js'
import { probeIsobmff } from './isobmff.js'

const text = (s: string) => [...s].map((c) => c.charCodeAt(0))
const u32 = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]
const box = (type: string, ...body: number[][]) => {
  const flat = body.flat()
  return [...u32(8 + flat.length), ...text(type), ...flat]
}
const full = (type: string, ...body: number[][]) => box(type, [0, 0, 0, 0], ...body)

/** ftyp + meta(pitm, iprp(ipco(ispe, pixi, ispe-of-another-item), ipma)) for primary item 2. */
function heif(brand: string, width: number, height: number, bits: number): Uint8Array {
  const ipco = box(
    'ipco',
    full('ispe', u32(16), u32(16)), // property 1: belongs to item 1 (a tile)
    full('ispe', u32(width), u32(height)), // property 2: the primary item's canvas
    full('pixi', [3, bits, bits, bits]), // property 3
  )
  const ipma = full('ipma', u32(2), [0, 1, 1, 1], [0, 2, 2, 2, 3])
  const meta = full('meta', full('pitm', [0, 2]), box('iprp', ipco, ipma))
  return new Uint8Array([...box('ftyp', text(brand), u32(0), text('mif1')), ...meta])
}

describe('HEIF-family probe', () => {
  it('sniffs AVIF before HEIC even when mif1 is listed, and HEIC brands as heic', () => {
    expect(sniff(heif('avif', 1, 1, 8))).toBe('avif')
    expect(sniff(heif('heic', 1, 1, 8))).toBe('heic')
    expect(sniff(heif('mif1', 1, 1, 8))).toBe('heic')
  })

  it("reads the primary item's ispe and pixi through ipma, not the first ispe", () => {
    const header = probeIsobmff(heif('heic', 4032, 3024, 10), 'heic')
    expect([header.format, header.width, header.height, header.bitDepth]).toEqual(['heic', 4032, 3024, 10])
  })

  it('refuses a box that runs past the end with BadRequest', () => {
    const bytes = heif('avif', 10, 10, 8)
    expect(() => probeIsobmff(bytes.subarray(0, bytes.length - 5), 'avif')).toThrow(ImgError)
  })

  it('HEIC probes through the registry; a header without image data is refused, a bomb before decoding', async () => {
    const bytes = heif('heic', 640, 480, 8)
    expect(probe(bytes).width).toBe(640)
    await expect(decode(bytes)).rejects.toMatchObject({ code: 'BadRequest' })
    await expect(decode(heif('heic', 30_001, 100, 8))).rejects.toMatchObject({ code: 'ImageTooLarge' })
    await expect(decode(heif('heic', 20_000, 20_000, 8))).rejects.toMatchObject({ code: 'ImageTooLarge' })
  })
})
