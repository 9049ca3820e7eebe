/**
 * AVIF decoding of files shaped as phones write them (issue 16), made here from our encoder's AV1
 * data so that CI always runs them. Expected colours are worked out with plain matrices, without
 * the colour engine.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { RawImage } from '@imgproc/types'
import { P3_COLORANTS, rgbProfile, SRGB_COLORANTS, type Xyz } from '../icc/synthetic-profiles.js'
import { avifDecoder, withImageData } from '../jsquash.js'
import { initNode } from '../node.js'
import { avifCodec } from './avif.js'
import { assembleAvif, encodeAv1Tile } from './avif.fixture.js'

const DISPLAY_P3 = rgbProfile('Display P3', P3_COLORANTS)

function flat(width: number, height: number, [r, g, b]: readonly number[]): RawImage {
  const data = new Uint8ClampedArray(width * height * 4)
  for (let i = 0; i < data.length; i += 4) data.set([r!, g!, b!, 255], i)
  return { width, height, data }
}

/** Display P3 (sRGB curve, P3 primaries) to sRGB, relative colorimetric, from the colorants alone. */
function p3ToSrgb(rgb: readonly number[]): number[] {
  const linear = rgb.map((v) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4))
  const toXyz = (c: { red: Xyz; green: Xyz; blue: Xyz }) => [0, 1, 2].map((row) => [c.red[row]!, c.green[row]!, c.blue[row]!])
  const p3 = toXyz(P3_COLORANTS)
  const xyz = p3.map((row) => row[0]! * linear[0]! + row[1]! * linear[1]! + row[2]! * linear[2]!)
  // solve sRGB matrix * out = xyz (Cramer's rule on 3x3)
  const s = toXyz(SRGB_COLORANTS)
  const det = (m: number[][]) =>
    m[0]![0]! * (m[1]![1]! * m[2]![2]! - m[1]![2]! * m[2]![1]!) -
    m[0]![1]! * (m[1]![0]! * m[2]![2]! - m[1]![2]! * m[2]![0]!) +
    m[0]![2]! * (m[1]![0]! * m[2]![1]! - m[1]![1]! * m[2]![0]!)
  const d = det(s)
  const out = [0, 1, 2].map((col) => det(s.map((row, r) => row.map((v, c) => (c === col ? xyz[r]! : v)))) / d)
  return out.map((l) => {
    const v = Math.min(1, Math.max(0, l))
    return 255 * (v <= 0.0031308 ? v * 12.92 : 1.055 * v ** (1 / 2.4) - 0.055)
  })
}

function pixel(image: RawImage, x: number, y: number): number[] {
  const at = (y * image.width + x) * 4
  return Array.from(image.data.subarray(at, at + 3))
}

function expectClose(actual: number[], expected: number[], tolerance: number): void {
  for (let c = 0; c < 3; c++) expect(Math.abs(actual[c]! - expected[c]!), `channel ${c}: ${actual} vs ${expected.map(Math.round)}`).toBeLessThanOrEqual(tolerance)
}

beforeAll(() => initNode())

describe('AVIF from phones (issue 16)', () => {
  // two colours inside sRGB's gamut, so the expected values are not clipped
  const RED = [220, 60, 40]
  const BLUE = [60, 90, 200]

  it('decodes a 12 MP grid (3024x4032 in 512x512 10-bit tiles, Display P3 ICC, no pixi on the grid) in sRGB', async () => {
    const [red, blue] = await Promise.all([encodeAv1Tile(flat(512, 512, RED), 10), encodeAv1Tile(flat(512, 512, BLUE), 10)])
    // 6 x 8 tiles cover 3072x4096; the last column and row overhang the 3024x4032 canvas, as on phones
    const tiles = Array.from({ length: 48 }, (_, i) => ((i % 6) + Math.floor(i / 6)) % 2 === 0 ? red : blue)
    const file = assembleAvif({ width: 3024, height: 4032, tiles, columns: 6, icc: DISPLAY_P3, pixi: 'tiles' })

    // the cause: libavif in strict mode (how the glue builds it) refuses the file outright
    const glue = await avifDecoder()
    expect(withImageData(() => glue.decode(file, 8))).toBeNull()

    expect(avifCodec.probe!(file)).toMatchObject({ width: 3024, height: 4032, hasIcc: true })
    const { image } = await avifCodec.decode(file)
    expect([image.width, image.height]).toEqual([3024, 4032])
    const raw = (await avifCodec.decode(file, { ignoreIcc: true })).image
    for (const [column, row] of [[0, 0], [1, 0], [5, 7], [4, 7], [3, 5]] as const) {
      // the middle of the tile's visible part
      const x = Math.floor((column * 512 + Math.min(3024, column * 512 + 512)) / 2)
      const y = Math.floor((row * 512 + Math.min(4032, row * 512 + 512)) / 2)
      const source = (column + row) % 2 === 0 ? RED : BLUE
      expectClose(pixel(raw, x, y), source, 3) // the AV1 round trip
      expectClose(pixel(image, x, y), p3ToSrgb(source), 3) // and the profile applied
    }
    // the profile moved the colours (red is more saturated in sRGB terms)
    expect(pixel(image, 256, 256)[0]! - pixel(raw, 256, 256)[0]!).toBeGreaterThanOrEqual(15)
  })

  it('decodes a plain AV1 item without pixi (as libheif before 1.12 wrote them)', async () => {
    const tile = await encodeAv1Tile(flat(96, 64, BLUE), 10)
    const file = assembleAvif({ width: 96, height: 64, tiles: [tile], icc: DISPLAY_P3, pixi: 'none' })
    const glue = await avifDecoder()
    expect(withImageData(() => glue.decode(file, 8))).toBeNull()
    const { image } = await avifCodec.decode(file)
    expect([image.width, image.height]).toEqual([96, 64])
    expectClose(pixel(image, 48, 32), p3ToSrgb(BLUE), 3)
  })
})
