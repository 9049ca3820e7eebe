// Issue 16: an animated GIF (made with the project's GIF encoder) through every action. Spec 4:
// resize by w/h, crop and watermark keep the animation, anything else (and resize,p_) gives the
// first frame. Our choices where the spec is silent (README "Choices"): resize by l/s keeps it,
// format,webp writes an animated WebP (read back with an independent container reader), the other
// output formats get the first frame.
import { beforeAll, describe, expect, it } from 'vitest'
import { decode, encode, probe } from '@imgproc/codecs'
import { readWebpContainer } from '@imgproc/codecs/testing'
import type { RawImage } from '@imgproc/types'
import { actionRegistry } from './actions/index.js'
import { createEngine } from './engine.js'
import type { ProcessResult } from './run.js'
import { b64url as b64, generatedPng, setupCodecs } from './node-test-fixtures.js'

const COLOURS = [[220, 30, 30], [30, 200, 40], [40, 60, 210]] as const
const DELAYS = [40, 80, 120]
const MARK = b64('mark.png')

/** Every OSS action with the frames spec 4 (or our documented choice) gives for an animated GIF. */
const CASES: ReadonlyArray<readonly [process: string, frames: 1 | 3]> = [
  ['resize,w_30', 3], ['resize,h_20', 3], ['resize,m_fill,w_20,h_20', 3], ['resize,m_pad,w_30,h_30', 3],
  ['resize,l_30', 3], ['resize,s_20', 3], ['resize,p_50', 1],
  ['crop,w_20,h_20,g_center', 3], ['crop,x_10,y_10', 3], ['indexcrop,x_20,i_1', 1],
  ['circle,r_10', 1], ['rounded-corners,r_5', 1], ['rotate,90', 1], ['auto-orient,1', 1], ['auto-orient,0', 1],
  ['blur,r_3,s_2', 1], ['bright,10', 1], ['contrast,10', 1], ['sharpen,100', 1],
  ['interlace,1', 1], ['interlace,0', 1], ['quality,q_50', 1], ['quality,Q_50', 1],
  ['format,gif', 3], [`watermark,image_${MARK},g_nw,x_0,y_0`, 3], [`watermark,text_${b64('Hi')},size_8`, 3],
  ['resize,w_30/crop,w_20,h_10/format,gif', 3], ['resize,w_30/rotate,90', 1],
]

let gif: Uint8Array
const engine = createEngine({
  loadObject: async () => generatedPng(8, 8, false),
  fonts: { 'wqy-zenhei': new Uint8Array([1]) },
  // a stand-in rasteriser: the glyphs belong to @imgproc/ops, here only the frames matter
  pixels: { renderText: ({ size }) => ({ width: size, height: size, data: new Uint8ClampedArray(size * size * 4).fill(255) }) },
})

beforeAll(async () => {
  await setupCodecs()
  const frames = COLOURS.map((rgb, index) => {
    const data = new Uint8ClampedArray(60 * 40 * 4)
    for (let i = 0; i < data.length; i += 4) data.set([...rgb, 255], i)
    return { image: { width: 60, height: 40, data }, delayMs: DELAYS[index]! }
  })
  gif = await encode(frames[0]!.image, 'gif', { frames, loop: 0 })
})

function image(result: ProcessResult) {
  if (result.kind !== 'image') throw new Error('expected an image')
  return result
}

/** Which source frame a decoded frame shows: the nearest of the three colours at its centre. */
function frameShown(frame: RawImage): number {
  const i = (Math.floor(frame.height / 2) * frame.width + Math.floor(frame.width / 2)) * 4
  const distance = (rgb: readonly number[]) => rgb.reduce((sum, v, c) => sum + (v - frame.data[i + c]!) ** 2, 0)
  return COLOURS.reduce((best, rgb, index) => (distance(rgb) < distance(COLOURS[best]!) ? index : best), 0)
}

async function framesOf(bytes: Uint8Array) {
  const decoded = await decode(bytes)
  const frames = decoded.frames ?? [{ image: decoded.image, delayMs: 0 }]
  return { shown: frames.map((f) => frameShown(f.image)), delays: frames.map((f) => f.delayMs), loop: decoded.loop }
}

describe('animated GIF through every action (spec 4)', () => {
  it('the table covers every registered action', () => {
    const written = new Set(CASES.flatMap(([process]) => process.split('/').map((action) => action.split(',')[0])))
    for (const name of ['info', 'average-hue', 'format']) written.add(name)
    expect([...actionRegistry().keys()].filter((name) => !written.has(name))).toEqual([])
  })

  it.each(CASES)('%s gives %i frame(s)', async (process, frames) => {
    const result = image(await engine.process(gif, `image/${process}`))
    expect([result.format, result.mimeType, result.frames, probe(result.bytes).frames]).toEqual(['gif', 'image/gif', frames, frames])
    const read = await framesOf(result.bytes)
    if (frames === 3) expect(read).toEqual({ shown: [0, 1, 2], delays: DELAYS, loop: 0 })
    else expect(read.shown).toEqual([0])
    const explained = await engine.explain(gif, `image/${process}`)
    if (frames === 3) expect(explained).toContain('decode: every frame (animation kept)')
    else expect(explained).toMatch(/decode: first frame of 3 \(\S+ takes the first frame, spec 4\)/)
  })

  it('info counts every frame; average-hue reads the first', async () => {
    expect((await engine.process(gif, 'image/info')) as { json: unknown }).toMatchObject({ json: { FrameCount: { value: '3' } } })
    const hue = (await engine.process(gif, 'image/average-hue')) as unknown as { json: { RGB: string } }
    const [r, g, b] = [1, 3, 5].map((at) => parseInt(hue.json.RGB.slice(at + 1, at + 3), 16))
    expect(r! > g! && r! > b!).toBe(true)
  })

  it('names the action that drops the animation in the plan', async () => {
    const plan = await engine.plan(gif, 'image/resize,w_30/quality,q_90')
    expect([plan.animated, plan.firstFrameReason]).toEqual([false, 'quality takes the first frame, spec 4'])
    expect((await engine.plan(gif, 'image/resize,w_30')).firstFrameReason).toBeUndefined()
  })

  it.each(['oss', 'obs'] as const)('keeps the animation for resize by w, drops it for rotate (%s)', async (dialect) => {
    expect(image(await engine.process(gif, 'image/resize,w_30', { dialect })).frames).toBe(3)
    expect(image(await engine.process(gif, 'image/rotate,90', { dialect })).frames).toBe(1)
  })
})

describe('format conversion of an animated GIF', () => {
  it.each(['', 'resize,w_30/'])('%sformat,webp writes an animated WebP with every frame and delay', async (before) => {
    const result = image(await engine.process(gif, `image/${before}format,webp`))
    const width = before ? 30 : 60
    expect([result.format, result.mimeType, result.frames, result.width]).toEqual(['webp', 'image/webp', 3, width])
    const container = readWebpContainer(result.bytes)
    expect(container.flags & 0x02).toBe(0x02)
    expect([container.width, container.height, container.loop]).toEqual([width, width * (2 / 3), 0])
    expect(container.frames.map((f) => f.durationMs)).toEqual(DELAYS)
    expect((await framesOf(result.bytes)).shown).toEqual([0, 1, 2])
    expect(await engine.explain(gif, `image/${before}format,webp`)).toMatch(/encode: webp .*, 3 frames$/m)
  })

  it('format,webp after an action that drops the animation gives a still WebP of the first frame', async () => {
    const result = image(await engine.process(gif, 'image/quality,q_80/format,webp'))
    expect([result.format, result.frames]).toEqual(['webp', 1])
    expect(readWebpContainer(result.bytes).frames).toEqual([])
    expect((await framesOf(result.bytes)).shown).toEqual([0])
  })

  it.each([
    ['jpg', 'jpeg', 'image/jpeg'], ['png', 'png', 'image/png'], ['bmp', 'bmp', 'image/bmp'], ['tiff', 'tiff', 'image/tiff'],
  ])('format,%s gives the first frame and explain says why', async (name, format, mimeType) => {
    const result = image(await engine.process(gif, `image/format,${name}`))
    expect([result.format, result.mimeType, result.frames, probe(result.bytes).frames]).toEqual([format, mimeType, 1, 1])
    expect((await framesOf(result.bytes)).shown).toEqual([0])
    expect(await engine.explain(gif, `image/format,${name}`)).toContain(`decode: first frame of 3 (${format} output holds one frame)`)
  })
})
