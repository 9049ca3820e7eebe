import { existsSync, readFileSync } from 'node:fs'
import { decode, encode } from '@imgproc/codecs'
import { embedInJpeg, P3_COLORANTS, rgbProfile } from '@imgproc/codecs/testing'
import { beforeAll, describe, expect, it } from 'vitest'
import { createEngine } from './engine.js'
import { generatedJpeg, gradient, setupCodecs } from './node-test-fixtures.js'

/**
 * The parts the engine and codecs import on first use (text rendering, the ICC engine, UTIF) still
 * work through the default engine in Node: a page that never meets them never loads them
 * (test/bundle), and one that does gets the same result as before.
 */
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'
const hasFont = existsSync(FONT)
if (!hasFont) console.warn(`${FONT} absent: the text watermark case is skipped`)

beforeAll(() => setupCodecs())

async function rgbAt(bytes: Uint8Array, x: number, y: number): Promise<number[]> {
  const { image } = await decode(bytes)
  const i = (y * image.width + x) * 4
  return Array.from(image.data.subarray(i, i + 3))
}

describe('parts loaded on demand, through the default engine', () => {
  it.skipIf(!hasFont)('draws a text watermark (font renderer imported on the first one)', async () => {
    const engine = createEngine({ fonts: { 'wqy-zenhei': new Uint8Array(readFileSync(FONT)) } })
    const jpeg = await generatedJpeg(200, 100)
    const plain = await engine.process(jpeg, 'image/format,png')
    const marked = await engine.process(jpeg, 'image/watermark,text_SU1H,size_60,color_FF0000,g_center,x_0,y_0/format,png')
    if (plain.kind !== 'image' || marked.kind !== 'image') throw new Error('expected images')
    const before = (await decode(plain.bytes)).image.data
    const after = (await decode(marked.bytes)).image.data
    let changed = 0
    for (let i = 0; i < before.length; i += 4) if (before[i] !== after[i]) changed++
    expect(changed).toBeGreaterThan(200)
  })

  it('converts an image with an ICC profile to sRGB (colour engine imported for that image)', async () => {
    const engine = createEngine()
    const jpeg = await generatedJpeg(32, 32)
    const untagged = await engine.process(jpeg, 'image/format,png')
    // Display P3 is wider than sRGB: the same numbers mean more saturated colours, so they change
    const tagged = await engine.process(embedInJpeg(jpeg, rgbProfile('Display P3', P3_COLORANTS)), 'image/format,png')
    if (untagged.kind !== 'image' || tagged.kind !== 'image') throw new Error('expected images')
    const [plain, converted] = await Promise.all([rgbAt(untagged.bytes, 16, 16), rgbAt(tagged.bytes, 16, 16)])
    expect(Math.max(...plain.map((v, i) => Math.abs(v - converted[i]!)))).toBeGreaterThan(8)
  })

  it('reads a TIFF source (UTIF imported for its decode)', async () => {
    const engine = createEngine()
    const tiff = await encode(gradient(64, 48), 'tiff')
    const result = await engine.process(tiff, 'image/resize,w_32/format,png')
    expect(result).toMatchObject({ kind: 'image', format: 'png', width: 32, height: 24 })
  })
})
