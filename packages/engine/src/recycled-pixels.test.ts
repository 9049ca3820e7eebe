/**
 * runPlan hands intermediate pixel buffers back to the pool (types' pixel-pool.ts) and the codecs
 * and ops take from it: a buffer recycled while still in use would show as a wrong result later.
 * Chains run back to back with recycling on must give exactly the bytes they give with it off.
 */
import { pixelPoolStats, setPixelPoolBudget } from '@imgproc/types'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngine } from './engine.js'
import { generatedJpeg, generatedPng, setupCodecs } from './node-test-fixtures.js'

const CHAINS = [
  'image/rotate,90/quality,Q_80',
  'image/rotate,180/crop,w_500,h_400,g_center',
  'image/crop,x_10,y_10,w_900,h_700/rotate,270/format,png',
  'image/resize,w_300/rotate,90',
  'image/blur,r_3,s_2/resize,p_50',
  'image/rotate,45/format,webp',
  'image/auto-orient,1/bright,20/contrast,-10/sharpen,100/format,png',
  'image/indexcrop,x_300,i_1/rotate,90',
]

describe('recycled pixel buffers', () => {
  let jpeg: Uint8Array
  let png: Uint8Array
  beforeAll(async () => {
    await setupCodecs()
    jpeg = await generatedJpeg(1200, 900) // 4.3 MB of pixels: pooled
    png = await generatedPng(1100, 700)
  })
  afterAll(() => setPixelPoolBudget(96 * 2 ** 20))

  it('change no output, whatever order chains run in (property)', async () => {
    const engine = createEngine()
    setPixelPoolBudget(0)
    const expected = new Map<string, string>()
    for (const chain of CHAINS) {
      for (const [name, source] of [['jpeg', jpeg], ['png', png]] as const) {
        const result = await engine.process(source, chain)
        expected.set(`${name} ${chain}`, Buffer.from(result.bytes).toString('base64'))
      }
    }
    setPixelPoolBudget(96 * 2 ** 20)
    let pooled = 0
    await fc.assert(fc.asyncProperty(
      fc.array(fc.record({ chain: fc.constantFrom(...CHAINS), png: fc.boolean() }), { minLength: 2, maxLength: 6 }),
      async (runs) => {
        for (const run of runs) {
          const result = await engine.process(run.png ? png : jpeg, run.chain)
          expect(Buffer.from(result.bytes).toString('base64')).toBe(expected.get(`${run.png ? 'png' : 'jpeg'} ${run.chain}`))
          pooled = Math.max(pooled, pixelPoolStats().buffers)
        }
      },
    ), { numRuns: 15 })
    expect(pooled).toBeGreaterThan(0) // recycling really happened
  })
})
