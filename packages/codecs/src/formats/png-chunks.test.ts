import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ImgError } from '@imgproc/types'
import { crc32 } from '../crc32.js'
import { checkImageHeader, paletteTable, readImageChunks, transparentKey } from './png-chunks.js'
import { pngFile } from './png-file.fixture.js'

const spec = { width: 2, height: 2, colourType: 3, bitDepth: 8, interlaced: false }

describe('readImageChunks', () => {
  it('collects the IDAT bodies in order, and the first PLTE and tRNS', () => {
    const png = pngFile(spec, Uint8Array.of(0, 1, 2, 0, 3, 4), [['PLTE', Uint8Array.of(1, 2, 3)], ['tRNS', Uint8Array.of(9)], ['tEXt', Uint8Array.of(65, 0, 66)]])
    const chunks = readImageChunks(png)
    expect(chunks.idat).toHaveLength(1)
    expect(Array.from(chunks.plte!)).toEqual([1, 2, 3])
    expect(Array.from(chunks.trns!)).toEqual([9])
  })

  it('refuses any single flipped byte inside a chunk (its CRC no longer matches) (property)', () => {
    const png = pngFile(spec, Uint8Array.of(0, 1, 2, 0, 3, 4), [['PLTE', Uint8Array.of(1, 2, 3)]])
    fc.assert(
      fc.property(fc.integer({ min: 8, max: png.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, flip) => {
        const damaged = png.slice()
        damaged[at]! ^= flip
        expect(() => readImageChunks(damaged)).toThrow(ImgError)
      }),
    )
  })

  it('refuses a file without IDAT or IEND', () => {
    const png = pngFile(spec, Uint8Array.of(0, 1, 2, 0, 3, 4))
    expect(() => readImageChunks(png.subarray(0, png.length - 12))).toThrow('ends before the IEND chunk')
    const iend = Uint8Array.of(0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0, 0, 0, 0)
    new DataView(iend.buffer).setUint32(8, crc32(iend, 4, 8))
    expect(() => readImageChunks(Uint8Array.from([...png.subarray(0, 33), ...iend]))).toThrow('no IDAT chunk')
  })
})

describe('paletteTable and transparentKey', () => {
  it('PLTE entries with their tRNS alpha; entries past PLTE opaque black', () => {
    const table = paletteTable({ idat: [], plte: Uint8Array.of(10, 20, 30, 40, 50, 60), trns: Uint8Array.of(128) })
    expect(Array.from(table.subarray(0, 12))).toEqual([10, 20, 30, 128, 40, 50, 60, 255, 0, 0, 0, 255])
    expect(table.length).toBe(1024)
    expect(() => paletteTable({ idat: [] })).toThrow(ImgError)
    expect(() => paletteTable({ idat: [], plte: Uint8Array.of(1, 2) })).toThrow(ImgError)
  })

  it('the 16-bit key of grey and RGB images, none for other colour types or a short tRNS', () => {
    expect(transparentKey(0, Uint8Array.of(0x12, 0x34))).toEqual([0x1234, -1, -1])
    expect(transparentKey(2, Uint8Array.of(0, 1, 0, 2, 0, 3))).toEqual([1, 2, 3])
    expect(transparentKey(2, Uint8Array.of(0, 1))).toEqual([-1, -1, -1])
    expect(transparentKey(6, Uint8Array.of(0, 1))).toEqual([-1, -1, -1])
    expect(transparentKey(0, undefined)).toEqual([-1, -1, -1])
  })
})

describe('checkImageHeader', () => {
  it('accepts exactly the colour type and bit depth pairs of the PNG spec, and methods 0 (interlace 0 or 1)', () => {
    const allowed = new Set(['0/1', '0/2', '0/4', '0/8', '0/16', '2/8', '2/16', '3/1', '3/2', '3/4', '3/8', '4/8', '4/16', '6/8', '6/16'])
    for (const colourType of [0, 1, 2, 3, 4, 5, 6, 7]) {
      for (const bitDepth of [1, 2, 3, 4, 8, 16, 32]) {
        const png = pngFile({ ...spec, colourType, bitDepth }, new Uint8Array(1))
        if (allowed.has(`${colourType}/${bitDepth}`)) expect(() => checkImageHeader(png)).not.toThrow()
        else expect(() => checkImageHeader(png)).toThrow(ImgError)
      }
    }
    const interlace2 = pngFile(spec, new Uint8Array(1))
    interlace2[28] = 2
    expect(() => checkImageHeader(interlace2)).toThrow('methods 0/0/2')
  })
})
