import { beforeAll, describe, expect, it } from 'vitest'
import { decode, encode, probe } from '@imgproc/codecs'
import { createEngine } from './engine.js'
import type { ProcessResult } from './run.js'
import { generatedJpeg, generatedPng, gradient, setupCodecs } from './node-test-fixtures.js'
import { b64url as b64 } from './node-test-fixtures.js'

let jpeg: Uint8Array
let png: Uint8Array
let mark: Uint8Array
let gif: Uint8Array
const objects = new Map<string, Uint8Array>()
const engine = createEngine({
  loadObject: async (key, bucket) => objects.get(bucket ? `${bucket}/${key}` : key) ?? null,
  getStyle: async (name) => (name === 'thumb' ? 'image/resize,w_50' : name === 'loop' ? 'style/thumb' : null),
})

beforeAll(async () => {
  await setupCodecs()
  jpeg = await generatedJpeg(400, 267)
  png = await generatedPng(120, 80)
  mark = await generatedPng(100, 50, false)
  objects.set('mark.png', mark)
  objects.set('other/mark.png', mark)
  const frame = (shift: number) => ({ image: gradient(60, 40 + 0 * shift), delayMs: 100 })
  gif = await encode(gradient(60, 40), 'gif', { frames: [frame(0), frame(1), frame(2)], loop: 0 })
})

function size(result: ProcessResult) {
  if (result.kind !== 'image') throw new Error('expected an image')
  return { width: result.width, height: result.height, format: result.format, frames: result.frames }
}
const pixelAt = async (bytes: Uint8Array, x: number, y: number) => {
  const { image } = await decode(bytes)
  const i = (y * image.width + x) * 4
  return Array.from(image.data.subarray(i, i + 4))
}

describe('resize parameters', () => {
  it('resampleGap trades fidelity for speed without changing the geometry', async () => {
    const fast = createEngine({ resampleGap: 1 })
    expect(size(await fast.process(jpeg, 'image/resize,w_50'))).toMatchObject({ width: 50, height: 33 })
  })
  it('p_ percent, pad colour, fill crop, fixed one side, l+s together', async () => {
    expect(size(await engine.process(jpeg, 'image/resize,p_50'))).toMatchObject({ width: 200, height: 134 })
    const padded = await engine.process(jpeg, 'image/resize,m_pad,w_100,h_100,color_FF0000/format,png')
    const [r, g, b] = await pixelAt((padded as { bytes: Uint8Array }).bytes, 50, 2)
    expect([r, g, b]).toEqual([255, 0, 0])
    expect(size(await engine.process(jpeg, 'image/resize,m_fixed,h_50'))).toMatchObject({ width: 50, height: 50 })
    expect(size(await engine.process(jpeg, 'image/resize,l_200,s_100'))).toMatchObject({ width: 150, height: 100 })
    await expect(engine.process(jpeg, 'image/resize,m_fixed,w_5000,h_5000,limit_0')).rejects.toMatchObject({ code: 'ImageTooLarge' })
  })
})

describe('crop, indexcrop, circle, rounded-corners', () => {
  it('crop gravity and OBS gravity names', async () => {
    expect(size(await engine.process(jpeg, 'image/crop,w_200,h_200,g_se'))).toMatchObject({ width: 134, height: 89 })
    expect(size(await engine.process(jpeg, 'image/crop,w_200,h_200,g_br', { dialect: 'obs' }))).toMatchObject({ width: 134, height: 89 })
  })
  it('indexcrop along y keeps the remainder for the last slice', async () => {
    expect(size(await engine.process(jpeg, 'image/indexcrop,y_100,i_2'))).toMatchObject({ width: 400, height: 67 })
  })
  it('rounded-corners makes the corner transparent in PNG and white in JPEG', async () => {
    const out = (await engine.process(jpeg, 'image/rounded-corners,r_30/format,png')) as { bytes: Uint8Array }
    expect((await pixelAt(out.bytes, 0, 0))[3]).toBe(0)
    expect((await pixelAt(out.bytes, 200, 130))[3]).toBe(255)
    const white = (await engine.process(jpeg, 'image/rounded-corners,r_30')) as { bytes: Uint8Array }
    expect((await pixelAt(white.bytes, 0, 0)).slice(0, 3).every((v) => v > 240)).toBe(true)
  })
  it('circle caps r at (short side - 1) / 2', async () => {
    expect(size(await engine.process(jpeg, 'image/circle,r_4000/format,png'))).toMatchObject({ width: 267, height: 267 })
  })
  it('OBS rounded-corners with a percent radius', async () => {
    expect(size(await engine.process(jpeg, 'image/rounded-corners,r_10p', { dialect: 'obs' }))).toMatchObject({ width: 400, height: 267 })
  })
})

describe('rotate, filters, output settings', () => {
  it('rotate 180/270/0 and any angle (canvas grows, corners white in JPEG, transparent in PNG)', async () => {
    expect(size(await engine.process(jpeg, 'image/rotate,270'))).toMatchObject({ width: 267, height: 400 })
    expect(size(await engine.process(jpeg, 'image/rotate,180'))).toMatchObject({ width: 400, height: 267 })
    expect((await engine.plan(jpeg, 'image/rotate,360')).steps).toHaveLength(0)
    expect(size(await engine.process(jpeg, 'image/rotate,45'))).toMatchObject({ width: 472, height: 472 })
    const png45 = (await engine.process(jpeg, 'image/rotate,30/format,png')) as { bytes: Uint8Array; width: number }
    expect(png45.width).toBe(480)
    expect((await pixelAt(png45.bytes, 0, 0))[3]).toBe(0)
    const jpg45 = (await engine.process(jpeg, 'image/rotate,30')) as { bytes: Uint8Array }
    expect((await pixelAt(jpg45.bytes, 0, 0)).slice(0, 3).every((v) => v > 235)).toBe(true)
  })
  it('blur, bright, contrast, sharpen keep the size and change pixels; 0 is a no-op step', async () => {
    for (const p of ['blur,r_3,s_2', 'bright,50', 'contrast,-50', 'sharpen,200']) {
      expect(size(await engine.process(jpeg, `image/${p}`))).toMatchObject({ width: 400, height: 267 })
    }
    expect((await engine.plan(jpeg, 'image/bright,0/contrast,0')).steps).toHaveLength(0)
    const brighter = (await engine.process(png, 'image/bright,50')) as { bytes: Uint8Array }
    const base = await pixelAt(png, 10, 10)
    expect((await pixelAt(brighter.bytes, 10, 10))[2]).toBeGreaterThan(base[2]!)
  })
  it('quality q is relative to the estimated source quality, Q absolute but capped; interlace makes progressive JPEG', async () => {
    const source = probe(jpeg).quality!
    expect((await engine.plan(jpeg, 'image/quality,q_50')).output?.quality).toBe(Math.round(source / 2))
    expect((await engine.plan(jpeg, 'image/quality,Q_100')).output?.quality).toBe(source)
    expect((await engine.plan(png, 'image/quality,Q_60/format,webp')).output?.quality).toBe(60)
    const progressive = (await engine.process(jpeg, 'image/interlace,1')) as { bytes: Uint8Array }
    expect(probe(progressive.bytes).progressive).toBe(true)
  })
  it('format: webp, bmp, gif kept only for GIF sources, transparency to white for jpg', async () => {
    expect(size(await engine.process(jpeg, 'image/format,webp'))).toMatchObject({ format: 'webp' })
    expect(size(await engine.process(jpeg, 'image/format,bmp'))).toMatchObject({ format: 'bmp' })
    // tiff / avif / heic: an image when the codec can encode it, a typed NotImplemented otherwise
    for (const target of ['tiff', 'avif', 'heic'] as const) {
      const outcome = await engine.process(png, `image/format,${target}`).then((r) => r, (e: unknown) => e)
      if ('kind' in (outcome as object)) expect(size(outcome as ProcessResult).format).toBe(target)
      else expect(outcome).toMatchObject({ code: 'NotImplemented' })
    }
    expect(size(await engine.process(jpeg, 'image/format,gif'))).toMatchObject({ format: 'jpeg' })
    const flat = (await engine.process(png, 'image/format,jpg')) as { bytes: Uint8Array }
    expect((await pixelAt(flat.bytes, 0, 40)).slice(0, 3).every((v) => v > 235)).toBe(true)
  })
})

describe('watermark', () => {
  it('places an image watermark with its nested process and P_ percent of the base', async () => {
    const nested = b64('mark.png?x-oss-process=image/resize,P_10')
    const plan = await engine.plan(jpeg, `image/watermark,image_${nested},g_nw,x_0,y_0`)
    expect(plan.steps.at(-1)).toMatchObject({ op: 'watermark' })
    const result = await engine.process(jpeg, `image/watermark,image_${b64('mark.png')},g_nw,x_0,y_0,t_100/format,png`)
    expect(size(result)).toMatchObject({ width: 400, height: 267 })
    const markPixel = await pixelAt(mark, 5, 5)
    const got = await pixelAt((result as { bytes: Uint8Array }).bytes, 5, 5)
    expect(Math.abs(got[0]! - markPixel[0]!)).toBeLessThanOrEqual(3)
  })
  it('tiles with fill_1, reads OBS bucket/object names, and reports missing objects as NoSuchKey', async () => {
    expect(size(await engine.process(jpeg, `image/watermark,image_${b64('mark.png')},fill_1,padx_10,pady_10,t_50`))).toMatchObject({ width: 400 })
    expect(size(await engine.process(jpeg, `image/watermark,image_${b64('other/mark.png')}`, { dialect: 'obs' }))).toMatchObject({ width: 400 })
    await expect(engine.process(jpeg, `image/watermark,image_${b64('nope.png')}`)).rejects.toMatchObject({ code: 'NoSuchKey' })
  })
  it('refuses more than 6 image watermarks with WatermarkError', async () => {
    const one = `watermark,image_${b64('mark.png')}`
    expect(size(await engine.process(jpeg, `image/${Array(6).fill(one).join('/')}`))).toMatchObject({ width: 400 })
    await expect(engine.process(jpeg, `image/${Array(7).fill(one).join('/')}`)).rejects.toMatchObject({ code: 'WatermarkError' })
  })
  it('text watermarks draw with the bundled fonts when no fonts are given; without those too they are a typed NotImplemented', async () => {
    expect(size(await engine.process(jpeg, 'image/watermark,text_SGVsbG8g5Zu-54mH5pyN5YqhIQ'))).toMatchObject({ width: 400, height: 267 })
    const fontless = createEngine({ bundledFonts: false })
    await expect(fontless.process(jpeg, 'image/watermark,text_SGVsbG8g5Zu-54mH5pyN5YqhIQ')).rejects.toMatchObject({ code: 'NotImplemented' })
  })
})

describe('info, average-hue, styles, saveas, animation, abort', () => {
  it('OBS info and average-hue forms', async () => {
    const info = (await engine.process(jpeg, 'image/info', { dialect: 'obs' })) as { json: Record<string, unknown> }
    expect(info.json).toMatchObject({ format: 'JPEG', width: 400, height: 267, size: jpeg.length })
    const hue = (await engine.process(jpeg, 'image/average-hue', { dialect: 'obs' })) as unknown as { json: { RGB: string } }
    expect(hue.json.RGB).toMatch(/^#[0-9A-F]{6}$/)
  })
  it('resolves styles, refuses unknown and nested ones, carries saveas in the plan', async () => {
    expect(size(await engine.process(jpeg, 'style/thumb'))).toMatchObject({ width: 50 })
    await expect(engine.process(jpeg, 'style/none')).rejects.toMatchObject({ code: 'NoSuchStyle' })
    await expect(engine.process(jpeg, 'style/loop')).rejects.toMatchObject({ status: 400 })
    const plan = await engine.plan(jpeg, `image/resize,w_100|sys/saveas,o_${b64('dest.jpg')},b_${b64('bucket')}`)
    expect(plan.saveAs).toEqual({ object: 'dest.jpg', bucket: 'bucket' })
    expect(await engine.explain(jpeg, 'image/resize,w_100')).toMatch(/resize: resize .*400x267 -> 100x67/)
  })
  it('keeps GIF animation for resize by w and crop, first frame for p_ and other actions', async () => {
    expect(probe(gif).frames).toBe(3)
    expect(size(await engine.process(gif, 'image/resize,w_30/crop,w_20,h_10'))).toMatchObject({ format: 'gif', width: 20, frames: 3 })
    expect(size(await engine.process(gif, 'image/resize,p_50'))).toMatchObject({ frames: 1 })
    expect(size(await engine.process(gif, 'image/rotate,90'))).toMatchObject({ frames: 1, width: 40 })
  })
  it('OBS: an empty chain returns the original bytes; OSS refuses it', async () => {
    const result = await engine.process(jpeg, 'image/', { dialect: 'obs' })
    expect(result).toMatchObject({ kind: 'image', bytes: jpeg, width: 400, height: 267 })
    await expect(engine.process(jpeg, 'image/')).rejects.toMatchObject({ status: 400 })
  })
  it('OBS: animations over 50 frames come back unprocessed', async () => {
    const frames = Array.from({ length: 51 }, () => ({ image: gradient(8, 8), delayMs: 20 }))
    const long = await encode(gradient(8, 8), 'gif', { frames, loop: 0 })
    expect(await engine.process(long, 'image/resize,w_4', { dialect: 'obs' })).toMatchObject({ kind: 'image', bytes: long })
    expect(size(await engine.process(long, 'image/resize,w_4'))).toMatchObject({ width: 4 })
  })
  it('answers an aborted signal with RequestAborted', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(engine.process(jpeg, 'image/resize,w_10', { signal: controller.signal })).rejects.toMatchObject({ code: 'RequestAborted' })
  })
  it('refuses sources over the configured limits before decoding', async () => {
    const small = createEngine({ limits: { maxSourcePixels: 1000 } })
    await expect(small.process(jpeg, 'image/resize,w_10')).rejects.toMatchObject({ code: 'ImageTooLarge' })
    const tiny = createEngine({ limits: { maxSourceBytes: 100 } })
    await expect(tiny.process(jpeg, 'image/info')).rejects.toMatchObject({ code: 'ImageTooLarge' })
    await expect(engine.process(new Uint8Array([1, 2, 3, 4]), 'image/info')).rejects.toMatchObject({ code: 'BadRequest' })
  })
})
