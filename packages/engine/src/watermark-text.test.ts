import { beforeAll, describe, expect, it } from 'vitest'
import { decode } from '@imgproc/codecs'
import { createEngine } from './engine.js'
import type { TextSpec } from './pixels.js'
import { generatedJpeg, generatedPng, setupCodecs } from './node-test-fixtures.js'
import { b64url as b64 } from './node-test-fixtures.js'

/**
 * The text path with a stand-in rasteriser (a solid block, size x size/2 per character, in the text
 * colour): checks that every text parameter reaches the renderer and that placement, order, align
 * and interval are applied — the glyphs themselves belong to @imgproc/ops.
 */
const rendered: TextSpec[] = []
function fakeRenderText(spec: TextSpec) {
  rendered.push(spec)
  const width = Math.max(1, Math.round((spec.size / 2) * [...spec.text].length))
  const height = spec.size
  const data = new Uint8ClampedArray(width * height * 4)
  for (let i = 0; i < data.length; i += 4) data.set([spec.color.r, spec.color.g, spec.color.b, 255], i)
  return { width, height, data }
}

let jpeg: Uint8Array
let mark: Uint8Array
const engine = createEngine({
  fonts: { 'wqy-zenhei': new Uint8Array([1]), 'fangzhengkaiti': new Uint8Array([2]) },
  pixels: { renderText: fakeRenderText },
  loadObject: async () => mark,
})

beforeAll(async () => {
  await setupCodecs()
  jpeg = await generatedJpeg(400, 267)
  mark = await generatedPng(30, 30, false)
})

async function pixel(bytes: Uint8Array, x: number, y: number) {
  const { image } = await decode(bytes)
  const i = (y * image.width + x) * 4
  return Array.from(image.data.subarray(i, i + 3))
}

describe('text watermark plumbing', () => {
  it('passes text, type, color, size, shadow and rotate to the renderer and places the mark (g_nw, x, y)', async () => {
    const process = `image/watermark,text_${b64('Hi')},type_${b64('fangzhengkaiti')},color_FF0000,size_20,shadow_50,rotate_30,g_nw,x_5,y_6/format,png`
    const result = await engine.process(jpeg, process)
    expect(rendered.at(-1)).toMatchObject({ text: 'Hi', fontName: 'fangzhengkaiti', size: 20, shadow: 50, rotate: 30, color: { r: 255, g: 0, b: 0 } })
    const bytes = (result as { bytes: Uint8Array }).bytes
    expect(await pixel(bytes, 6, 7)).toEqual([255, 0, 0])
    expect(await pixel(bytes, 4, 7)).not.toEqual([255, 0, 0])
  })
  it('lays out text and image with order, align and interval, centred with voffset', async () => {
    const process = `image/watermark,text_${b64('AB')},size_10,color_0000FF,image_${b64('mark.png')},order_1,align_2,interval_4,g_center,voffset_20/format,png`
    const bytes = ((await engine.process(jpeg, process)) as { bytes: Uint8Array }).bytes
    // box 10 (text) + 4 + 30 (image) wide, 30 high, centred then moved up 20: left 183, top 98
    expect(await pixel(bytes, 185, 98 + 25)).toEqual([0, 0, 255]) // text at the bottom (align 2), first (order 1)
  })
  it('draws a font the caller lacks with the bundled fonts; without those it is NotImplemented', async () => {
    await engine.process(jpeg, `image/watermark,text_${b64('x')},type_${b64('wqy-microhei')}`)
    // the bundled Latin file (a WOFF) is the font, no caller's font before it
    expect(rendered.at(-1)).toMatchObject({ fontName: 'wqy-microhei', fallbacks: [] })
    expect(new TextDecoder().decode(rendered.at(-1)!.font.subarray(0, 4))).toBe('wOFF')
    // the caller's font comes first, the bundled ones after it for what it lacks
    await engine.process(jpeg, `image/watermark,text_${b64('x')},type_${b64('fangzhengkaiti')}`)
    expect(rendered.at(-1)!.font).toEqual(new Uint8Array([2]))
    expect(rendered.at(-1)!.fallbacks).toHaveLength(1)
    const fontless = createEngine({ fonts: { 'wqy-zenhei': new Uint8Array([1]) }, bundledFonts: false, pixels: { renderText: fakeRenderText } })
    await expect(fontless.process(jpeg, `image/watermark,text_${b64('x')},type_${b64('wqy-microhei')}`)).rejects.toMatchObject({ code: 'NotImplemented' })
  })
})

describe('OBS elliptic rounded corners', () => {
  it('accepts rx/ry', async () => {
    const result = await engine.process(jpeg, 'image/rounded-corners,rx_40,ry_10/format,png', { dialect: 'obs' })
    expect(result).toMatchObject({ width: 400, height: 267 })
  })
})
