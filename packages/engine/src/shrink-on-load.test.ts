import { beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { codecs, decode } from '@imgproc/codecs'
import { psnr } from '@imgproc/codecs/testing'
import type { Codec, DecodeOptions } from '@imgproc/types'
import { createEngine } from './engine.js'
import { opsPixels } from './ops-pixels.js'
import { wholeBlockRegion } from './shrink-on-load.js'
import { generatedJpeg, generatedPng, jpegWithOrientation, setupCodecs } from './node-test-fixtures.js'

/** The default codecs with the JPEG decoder wrapped to record what it was asked and what it gave. */
function recordingCodecs() {
  const calls: Array<{ options: DecodeOptions | undefined; width: number; height: number }> = []
  const list: Codec[] = codecs.codecs.map((codec) =>
    codec.format !== 'jpeg'
      ? codec
      : {
          ...codec,
          sniff: codec.sniff.bind(codec),
          probe: codec.probe.bind(codec),
          encode: codec.encode.bind(codec),
          async decode(bytes, options) {
            const decoded = await codec.decode(bytes, options)
            calls.push({ options, width: decoded.image.width, height: decoded.image.height })
            return decoded
          },
        },
  )
  return { list, calls }
}

describe('shrink-on-load', () => {
  let jpeg: Uint8Array
  beforeAll(async () => {
    await setupCodecs()
    jpeg = await generatedJpeg(800, 600)
  })

  it('decodes a JPEG at 1/4 when the chain starts with a shrink to 150 wide, and still gives 150x113', async () => {
    const { list, calls } = recordingCodecs()
    const engine = createEngine({ codecs: list })
    const plan = await engine.plan(jpeg, 'image/resize,w_150/rotate,90')
    expect(plan.shrinkOnLoad).toEqual({ minWidth: 150, minHeight: 113 })
    const result = await engine.run(plan, jpeg)
    expect(calls.map((c) => [c.width, c.height])).toEqual([[200, 150]])
    expect([result.kind === 'image' && result.width, result.kind === 'image' && result.height]).toEqual([113, 150])
  })

  it('looks like the full-size decode (PSNR >= 38 dB against shrinkOnLoad: false)', async () => {
    const process = 'image/resize,w_130/format,png'
    const fast = await createEngine().process(jpeg, process)
    const full = await createEngine({ shrinkOnLoad: false }).process(jpeg, process)
    expect(full.plan.shrinkOnLoad).toBeUndefined()
    const [a, b] = [await decode(fast.bytes), await decode(full.bytes)]
    expect([a.image.width, a.image.height]).toEqual([b.image.width, b.image.height])
    expect(psnr(a.image, b.image)).toBeGreaterThanOrEqual(38)
  })

  it('asks in the stored orientation when EXIF orientation 6 turns the image first (OBS applies it by default)', async () => {
    const rotated = await jpegWithOrientation(800, 600, 6)
    const { list, calls } = recordingCodecs()
    const engine = createEngine({ codecs: list })
    const plan = await engine.plan(rotated, 'image/resize,w_100', { dialect: 'obs' })
    // upright the image is 600x800, so w_100 means 100x133; stored it is 800x600, so 133x100
    expect(plan.shrinkOnLoad).toEqual({ minWidth: 133, minHeight: 100 })
    const result = await engine.run(plan, rotated)
    expect(calls[0]).toMatchObject({ width: 200, height: 150 })
    expect(result.kind === 'image' && [result.width, result.height]).toEqual([100, 133])
  })

  it('resizes only the whole DCT blocks of a scaled decode, as libvips does (801x601 at 1/4: 200x150 of 201x151)', async () => {
    const odd = await generatedJpeg(801, 601)
    const seen: number[][] = []
    const engine = createEngine({
      pixels: { resize: (image, size) => (seen.push([image.width, image.height]), opsPixels.resize!(image, size)) },
    })
    const result = await engine.process(odd, 'image/resize,w_150')
    expect(seen).toEqual([[200, 150]])
    expect(result.kind === 'image' && [result.width, result.height]).toEqual([150, 113])
  })

  it('crops a scaled decode to floor(side / denom) only when that still covers the hint', () => {
    const hint = { minWidth: 150, minHeight: 113 }
    expect(wholeBlockRegion({ width: 801, height: 601 }, { width: 201, height: 151 }, hint)).toEqual({ left: 0, top: 0, width: 200, height: 150 })
    // whole blocks already, or not scaled at all: nothing to crop
    expect(wholeBlockRegion({ width: 800, height: 600 }, { width: 200, height: 150 }, hint)).toBeUndefined()
    expect(wholeBlockRegion({ width: 801, height: 601 }, { width: 801, height: 601 }, hint)).toBeUndefined()
    // 599 / 4: ceil 150 covers a 150-wide hint, floor 149 would not (the resize would enlarge)
    expect(wholeBlockRegion({ width: 599, height: 601 }, { width: 150, height: 151 }, hint)).toBeUndefined()
    // 1/2 with only the height partial
    expect(wholeBlockRegion({ width: 800, height: 601 }, { width: 400, height: 301 }, hint)).toEqual({ left: 0, top: 0, width: 400, height: 300 })
  })

  it.each([
    ['a crop first', 'image/crop,w_400,h_300/resize,w_100'],
    ["resize's fill window (an extract before the resample)", 'image/resize,m_fill,w_100,h_100'],
    ['an enlargement', 'image/resize,w_1600'],
    ['a shrink of one side only', 'image/resize,m_fixed,w_100,h_600'],
    ['info', 'image/info'],
    ['no resize', 'image/rotate,90'],
  ])('is not used for %s', async (_, process) => {
    const plan = await createEngine().plan(jpeg, process)
    expect(plan.shrinkOnLoad).toBeUndefined()
  })

  it('is not used for formats without it (PNG)', async () => {
    const plan = await createEngine().plan(await generatedPng(400, 300), 'image/resize,w_100')
    expect(plan.shrinkOnLoad).toBeUndefined()
  })

  it('the planned size is the size that comes out, and the decode covers the hint (property)', async () => {
    const { list, calls } = recordingCodecs()
    const engine = createEngine({ codecs: list })
    const small = await generatedJpeg(333, 251)
    await fc.assert(
      fc.asyncProperty(
        fc.record({ w: fc.integer({ min: 1, max: 400 }), h: fc.integer({ min: 1, max: 400 }), m: fc.constantFrom('lfit', 'mfit', 'pad', 'fixed') }),
        fc.constantFrom('', '/rotate,90', '/crop,w_20,h_20'),
        async ({ w, h, m }, rest) => {
          calls.length = 0
          const plan = await engine.plan(small, `image/resize,m_${m},w_${w},h_${h}${rest}`)
          const result = await engine.run(plan, small)
          expect(result.kind === 'image' && [result.width, result.height]).toEqual([plan.size.width, plan.size.height])
          const decoded = calls[0]!
          if (plan.shrinkOnLoad) {
            expect(decoded.width).toBeGreaterThanOrEqual(plan.shrinkOnLoad.minWidth)
            expect(decoded.height).toBeGreaterThanOrEqual(plan.shrinkOnLoad.minHeight)
          } else {
            // full size, turned when the chain starts with a quarter turn (turn-on-load.ts)
            expect([decoded.width, decoded.height]).toEqual((plan.turnOnLoad ?? 0) % 2 ? [251, 333] : [333, 251])
          }
        },
      ),
      { numRuns: 60 },
    )
  })
})
