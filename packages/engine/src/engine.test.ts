import { beforeAll, describe, expect, it } from 'vitest'
import { probe } from '@imgproc/codecs'
import { parse } from '@imgproc/grammar'
import { createEngine } from './engine.js'
import type { ProcessResult } from './run.js'
import { corpusFile, generatedJpeg, hasCorpus, jpegWithOrientation, setupCodecs } from './node-test-fixtures.js'

const engine = createEngine()

function image(result: ProcessResult) {
  if (result.kind !== 'image') throw new Error('expected an image')
  const header = probe(result.bytes)
  expect({ width: header.width, height: header.height }).toEqual({ width: result.width, height: result.height })
  return { format: result.format, width: result.width, height: result.height, mimeType: result.mimeType }
}
const json = (result: ProcessResult) => (result.kind === 'json' ? result.json : undefined)

/** Section 11 cases 2-14 (geometry and errors), run on the real example.jpg and on a generated 400x267 JPEG. */
function conformance(label: string, load: () => Promise<Uint8Array | undefined>) {
  let bytes: Uint8Array
  beforeAll(async () => {
    await setupCodecs()
    bytes = (await load())!
  })
  const run = (process: string) => engine.process(bytes, process)

  it(`${label}: case 2 resize m_fixed 100x100`, async () => {
    expect(image(await run('image/resize,m_fixed,w_100,h_100'))).toMatchObject({ format: 'jpeg', width: 100, height: 100 })
  })
  it(`${label}: case 3 crop with an unknown r_1`, async () => {
    expect(image(await run('image/crop,w_100,h_100,x_100,y_100,r_1'))).toMatchObject({ format: 'jpeg', width: 100, height: 100 })
  })
  it(`${label}: case 4 rotate,90`, async () => {
    expect(image(await run('image/rotate,90'))).toMatchObject({ format: 'jpeg', width: 267, height: 400 })
  })
  it(`${label}: case 5 format,png`, async () => {
    expect(image(await run('image/format,png'))).toMatchObject({ format: 'png', mimeType: 'image/png', width: 400, height: 267 })
  })
  it(`${label}: case 6 sharpen,100 keeps the size`, async () => {
    expect(image(await run('image/sharpen,100'))).toMatchObject({ format: 'jpeg', width: 400, height: 267 })
  })
  it(`${label}: case 7 w / l / s`, async () => {
    expect(image(await run('image/resize,w_100'))).toMatchObject({ width: 100, height: 67 })
    expect(image(await run('image/resize,l_100'))).toMatchObject({ width: 100, height: 67 })
    expect(image(await run('image/resize,s_100'))).toMatchObject({ width: 150, height: 100 })
  })
  it(`${label}: case 8 modes`, async () => {
    expect(image(await run('image/resize,m_mfit,w_100,h_100'))).toMatchObject({ width: 150, height: 100 })
    expect(image(await run('image/resize,m_fill,w_100,h_100'))).toMatchObject({ width: 100, height: 100 })
    expect(image(await run('image/resize,m_pad,w_100,h_100,color_FF0000'))).toMatchObject({ width: 100, height: 100 })
    expect(image(await run('image/resize,m_lfit,w_100,h_100'))).toMatchObject({ width: 100, height: 67 })
  })
  it(`${label}: case 9 limit`, async () => {
    expect(image(await run('image/resize,w_500'))).toMatchObject({ width: 400, height: 267 })
    expect(image(await run('image/resize,w_500,limit_0'))).toMatchObject({ width: 500, height: 334 })
  })
  it(`${label}: case 10-11 errors`, async () => {
    await expect(run('image/resize,w_0')).rejects.toMatchObject({ code: 'InvalidArgument', message: 'The value: 0 of parameter: w is invalid.' })
    for (const bad of ['image/', 'image/slim,1', 'image/resize', 'image/sharpen,10']) {
      await expect(run(bad)).rejects.toMatchObject({ status: 400 })
    }
  })
  it(`${label}: case 12 crop out of image / to the edges`, async () => {
    await expect(run('image/crop,x_500,y_0')).rejects.toMatchObject({ code: 'BadRequest', message: "Advance cut's position is out of image." })
    expect(image(await run('image/crop,x_100,y_50'))).toMatchObject({ width: 300, height: 217 })
  })
  it(`${label}: case 13 indexcrop`, async () => {
    expect(image(await run('image/indexcrop,x_100,i_0'))).toMatchObject({ width: 100, height: 267 })
    expect(image(await run('image/indexcrop,y_100,i_10'))).toMatchObject({ width: 400, height: 267 })
  })
  it(`${label}: case 14 circle -> PNG 201x201 with alpha`, async () => {
    const result = await run('image/circle,r_100/format,png')
    expect(image(result)).toMatchObject({ format: 'png', width: 201, height: 201 })
    expect(probe((result as { bytes: Uint8Array }).bytes).hasAlpha).toBe(true)
  })
}

describe('section 11 on a generated 400x267 JPEG', () => conformance('generated', () => generatedJpeg(400, 267)))

describe.skipIf(!hasCorpus)('section 11 on the corpus example.jpg (oss/aliyunpy-example.jpg)', () => {
  if (!hasCorpus) console.warn('shared corpus absent: corpus conformance cases skipped')
  conformance('corpus', async () => corpusFile('oss/aliyunpy-example.jpg'))

  it('case 1: info JSON exactly as documented', async () => {
    await setupCodecs()
    const result = await engine.process(corpusFile('oss/aliyunpy-example.jpg')!, 'image/info')
    expect(new TextDecoder().decode((result as { bytes: Uint8Array }).bytes)).toBe(
      '{"FileSize":{"value":"21839"},"Format":{"value":"jpg"},"FrameCount":{"value":"1"},"ImageHeight":{"value":"267"},' +
        '"ImageWidth":{"value":"400"},"ResolutionUnit":{"value":"1"},"XResolution":{"value":"1/1"},"YResolution":{"value":"1/1"}}',
    )
  })
  it('case 16: average-hue is within 4 levels per channel of the documented 0x5c783b', async () => {
    await setupCodecs()
    const result = json(await engine.process(corpusFile('oss/aliyunpy-example.jpg')!, 'image/average-hue'))!
    const hex = String(result.RGB)
    expect(hex).toMatch(/^0x[0-9a-f]{6}$/)
    const [r, g, b] = [1, 2, 3].map((i) => Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16))
    expect(Math.abs(r! - 0x5c)).toBeLessThanOrEqual(4)
    expect(Math.abs(g! - 0x78)).toBeLessThanOrEqual(4)
    expect(Math.abs(b! - 0x3b)).toBeLessThanOrEqual(4)
  })
})

describe('case 15: auto-orient is applied before resize (f.jpg stand-in, 424x333, orientation 7)', () => {
  it('gives 100x127 with auto-orient,1 and 100x79 with auto-orient,0', async () => {
    const bytes = await jpegWithOrientation(424, 333, 7)
    expect(probe(bytes).orientation).toBe(7)
    expect(image(await engine.process(bytes, 'image/resize,w_100/auto-orient,1'))).toMatchObject({ width: 100, height: 127 })
    expect(image(await engine.process(bytes, 'image/resize,w_100/auto-orient,0'))).toMatchObject({ width: 100, height: 79 })
    // OSS: absent = not applied; OBS: absent = applied (README choice)
    expect(image(await engine.process(bytes, 'image/resize,w_100'))).toMatchObject({ width: 100, height: 79 })
    expect(image(await engine.process(bytes, 'image/resize,w_100', { dialect: 'obs' }))).toMatchObject({ width: 100, height: 127 })
  })
})

describe('a process parsed beforehand (a server parses once and sends the parse to a worker thread)', () => {
  it('gives the same image as the string, also after a structured clone', async () => {
    const bytes = await generatedJpeg(400, 267)
    const text = 'image/resize,w_100/rotate,90/format,png'
    const fromString = await engine.process(bytes, text)
    const cloned = structuredClone(parse(text, { dialect: 'oss' }))
    const fromParse = await engine.process(bytes, cloned)
    expect(image(fromParse)).toEqual(image(fromString))
    expect(fromParse.bytes).toEqual(fromString.bytes)
    expect(fromParse.plan.process).toBe(text)
  })

  it("refuses a parse of the other dialect (the parser's checks are per dialect)", async () => {
    const bytes = await generatedJpeg(40, 27)
    await expect(engine.process(bytes, parse('image/resize,w_10', { dialect: 'oss' }), { dialect: 'obs' })).rejects.toMatchObject({ code: 'InvalidArgument' })
    expect(image(await engine.process(bytes, parse('image/resize,w_10', { dialect: 'obs' }), { dialect: 'obs' }))).toMatchObject({ width: 10 })
  })
})
