import { describe, expect, it } from 'vitest'
import { probeIsobmff } from '../probe/isobmff.js'
import { withPixiProperties } from './avif-pixi.js'
import { assembleAvif, type Av1Tile } from './avif.fixture.js'

// av1C's third byte: tier | high_bitdepth | twelve_bit | monochrome | subsampling x, y | position
const HIGH_BITDEPTH = 0x40
const TWELVE_BIT = 0x20
const MONOCHROME = 0x10
const YUV420 = 0x0c

/** A tile whose bitstream is a placeholder: nothing here decodes, only the boxes are read. */
function tile(flags: number, bitDepth: number): Av1Tile {
  const av1C = Uint8Array.of(0, 0, 0, 12, ...new TextEncoder().encode('av1C'), 0x81, 0x08, flags, 0)
  return { width: 512, height: 512, bitDepth, av1C, data: Uint8Array.from({ length: 40 }, (_, i) => i) }
}
const tenBit = tile(HIGH_BITDEPTH | YUV420, 10)
const phoneGrid = (pixi: 'all' | 'tiles' | 'none') => assembleAvif({ width: 1000, height: 900, tiles: [tenBit, tenBit, tenBit, tenBit], columns: 2, pixi })

function topLevel(bytes: Uint8Array): Array<[string, number, number]> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const out: Array<[string, number, number]> = []
  for (let at = 0; at < bytes.length; at += view.getUint32(at)) {
    out.push([String.fromCharCode(...bytes.subarray(at + 4, at + 8)), at, view.getUint32(at)])
  }
  return out
}

describe('withPixiProperties', () => {
  it('hands a file whose image items all have pixi back as the same array', () => {
    const file = phoneGrid('all')
    expect(withPixiProperties(file)).toBe(file)
  })

  it.each(['none', 'tiles'] as const)('gives a grid without pixi (tiles: %s) the depth of its first tile, moving no byte', (pixi) => {
    const file = phoneGrid(pixi)
    expect(probeIsobmff(file, 'avif').bitDepth).toBe(8) // the probe's default: nothing says 10
    const fixed = withPixiProperties(file)
    expect(probeIsobmff(fixed, 'avif')).toMatchObject({ width: 1000, height: 900, bitDepth: 10, colorType: 'rgb' })
    // everything stays where it was (iloc offsets hold); the old meta is now free space
    const [ftyp, meta, mdat] = topLevel(file)
    expect(topLevel(fixed).map(([type]) => type)).toEqual(['ftyp', 'free', 'mdat', 'meta'])
    expect(fixed.subarray(0, meta![1] + 4)).toEqual(file.subarray(0, meta![1] + 4))
    expect(fixed.subarray(mdat![1], file.length)).toEqual(file.subarray(mdat![1]))
    expect(ftyp![0]).toBe('ftyp')
  })

  it.each([
    ['8-bit', tile(YUV420, 8), 8, 'rgb'],
    ['10-bit', tile(HIGH_BITDEPTH | YUV420, 10), 10, 'rgb'],
    ['12-bit', tile(HIGH_BITDEPTH | TWELVE_BIT, 12), 12, 'rgb'],
    ['monochrome 10-bit', tile(HIGH_BITDEPTH | MONOCHROME | YUV420, 10), 10, 'grey'],
  ])('reads depth and channels of a plain %s item from its av1C', (_, single, bitDepth, colorType) => {
    const fixed = withPixiProperties(assembleAvif({ width: 512, height: 512, tiles: [single], pixi: 'none' }))
    expect(probeIsobmff(fixed, 'avif')).toMatchObject({ bitDepth, colorType })
  })

  it('writes the size of a last box that ran to the end of the file, so the appended meta is a box of its own', () => {
    const file = phoneGrid('none')
    const [, , mdat] = topLevel(file)
    const open = file.slice()
    open.set([0, 0, 0, 0], mdat![1]) // size 0: "to the end of the file"
    const fixed = withPixiProperties(open)
    expect(new DataView(fixed.buffer).getUint32(mdat![1])).toBe(mdat![2])
    expect(topLevel(fixed).map(([type]) => type)).toEqual(['ftyp', 'free', 'mdat', 'meta'])
  })

  it('returns what it cannot read unchanged, for libavif to judge', () => {
    const file = phoneGrid('none')
    const [, meta] = topLevel(file)
    const twoMetas = Uint8Array.from([...file, ...file.subarray(meta![1], meta![1] + meta![2])])
    for (const bytes of [file.subarray(0, file.length - 3), file.subarray(0, 40), twoMetas, new Uint8Array(0), Uint8Array.of(0, 0, 0, 9, 1, 2)]) {
      expect(withPixiProperties(bytes)).toBe(bytes)
    }
  })

  it('reads 32-bit item ids (iinf/infe version 3, ipma version 1) and two-byte associations (ipma flag 1)', () => {
    const u32 = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]
    const text = (s: string) => [...s].map((c) => c.charCodeAt(0))
    const box = (type: string, ...body: number[][]) => [...u32(8 + body.flat().length), ...text(type), ...body.flat()]
    const id = 70_000
    const av1C = box('av1C', [0x81, 0x08, HIGH_BITDEPTH | YUV420, 0])
    const meta = box(
      'meta',
      [0, 0, 0, 0],
      box('pitm', [1, 0, 0, 0], u32(id)),
      box('iinf', [1, 0, 0, 0], u32(1), box('infe', [3, 0, 0, 0], u32(id), [0, 0], text('av01'), [0])),
      box('iprp', box('ipco', box('ispe', [0, 0, 0, 0], u32(640), u32(480)), av1C), box('ipma', [1, 0, 0, 1], u32(1), u32(id), [2, 0, 1, 0x80, 2])),
    )
    const file = Uint8Array.from([...box('ftyp', text('avif'), u32(0), text('avifmif1')), ...meta, ...box('mdat', [1, 2, 3])])
    const fixed = withPixiProperties(file)
    expect(fixed).not.toBe(file)
    expect(probeIsobmff(fixed, 'avif')).toMatchObject({ width: 640, height: 480, bitDepth: 10 })
  })
})
