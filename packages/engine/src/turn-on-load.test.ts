import { beforeAll, describe, expect, it } from 'vitest'
import { createEngine } from './engine.js'
import { explain } from './explain.js'
import { generatedJpeg, generatedPng, jpegWithOrientation, setupCodecs } from './node-test-fixtures.js'

/** The same request with turn-on-load on (default) and off: same bytes, and what the plan says. */
async function bothWays(bytes: Uint8Array, process: string, dialect: 'oss' | 'obs' = 'oss') {
  const on = createEngine()
  const off = createEngine({ turnOnLoad: false })
  const plan = await on.plan(bytes, process, { dialect })
  const [a, b] = [await on.run(plan, bytes), await off.process(bytes, process, { dialect })]
  if (a.kind !== 'image' || b.kind !== 'image') throw new Error('expected images')
  return { plan, on: a, off: b, explained: explain(plan) }
}

describe('turn-on-load', () => {
  let jpeg: Uint8Array
  beforeAll(async () => {
    await setupCodecs()
    jpeg = await generatedJpeg(203, 149)
  })

  for (const degrees of [90, 180, 270]) {
    it(`folds rotate,${degrees} of a JPEG into the decode, with the same output bytes`, async () => {
      const { plan, on, off, explained } = await bothWays(jpeg, `image/rotate,${degrees}/quality,Q_90`)
      expect(plan.turnOnLoad).toBe(degrees / 90)
      expect(explained).toContain('turn-on-load')
      expect([on.width, on.height]).toEqual(degrees === 180 ? [203, 149] : [149, 203])
      expect(Buffer.from(on.bytes).equals(Buffer.from(off.bytes))).toBe(true)
    })
  }

  for (const orientation of [3, 6, 8]) {
    it(`folds EXIF orientation ${orientation} (auto-orient,1) into the decode, then runs the rest`, async () => {
      const source = await jpegWithOrientation(64, 40, orientation)
      const { plan, on, off } = await bothWays(source, 'image/auto-orient,1/crop,w_30,h_20/format,png', 'oss')
      expect(plan.turnOnLoad).toBe(({ 3: 2, 6: 1, 8: 3 } as Record<number, number>)[orientation])
      expect([on.width, on.height]).toEqual([30, 20])
      expect(Buffer.from(on.bytes).equals(Buffer.from(off.bytes))).toBe(true)
    })
  }

  it('leaves mirrored orientations, other angles, shrinks and other formats to their steps', async () => {
    const engine = createEngine()
    expect((await engine.plan(await jpegWithOrientation(64, 40, 5), 'image/auto-orient,1')).turnOnLoad).toBeUndefined()
    expect((await engine.plan(jpeg, 'image/rotate,45')).turnOnLoad).toBeUndefined()
    expect((await engine.plan(jpeg, 'image/crop,w_20,h_20/rotate,90')).turnOnLoad).toBeUndefined()
    const shrunk = await engine.plan(jpeg, 'image/auto-orient,1/resize,w_50/rotate,90')
    expect(shrunk.shrinkOnLoad).toBeDefined()
    expect(shrunk.turnOnLoad).toBeUndefined()
    expect((await engine.plan(await generatedPng(40, 30), 'image/rotate,90')).turnOnLoad).toBeUndefined()
  })
})
