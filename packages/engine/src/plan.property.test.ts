import { beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { ImgError } from '@imgproc/types'
import { createEngine } from './engine.js'
import { generatedPng, setupCodecs } from './node-test-fixtures.js'

/** Random chains: the size planned from the header is the size the pixels come out at. */
const side = fc.integer({ min: 1, max: 120 })
const action = fc.oneof(
  fc.record({ w: side, h: side, m: fc.constantFrom('lfit', 'mfit', 'fill', 'pad', 'fixed'), limit: fc.constantFrom(0, 1) })
    .map(({ w, h, m, limit }) => `resize,m_${m},w_${w},h_${h},limit_${limit}`),
  fc.integer({ min: 1, max: 300 }).map((p) => `resize,p_${p}`),
  fc.record({ w: fc.nat(80), h: fc.nat(80), x: fc.nat(60), y: fc.nat(60), g: fc.constantFrom('nw', 'center', 'se', 'south') })
    .map(({ w, h, x, y, g }) => `crop,w_${w},h_${h},x_${x},y_${y},g_${g}`),
  fc.constantFrom(90, 180, 270, 33).map((d) => `rotate,${d}`),
  fc.integer({ min: 1, max: 100 }).map((r) => `circle,r_${r}`),
  fc.record({ y: fc.integer({ min: 1, max: 50 }), i: fc.nat(4) }).map(({ y, i }) => `indexcrop,y_${y},i_${i}`),
  fc.integer({ min: 1, max: 60 }).map((r) => `rounded-corners,r_${r}`),
)

describe('plan geometry matches the pixels (property)', () => {
  let source: Uint8Array
  const engine = createEngine()
  beforeAll(async () => {
    await setupCodecs()
    source = await generatedPng(90, 60)
  })
  it('for random chains of geometric actions', async () => {
    let ran = 0
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 4 }), async (actions) => {
        const process = `image/${actions.join('/')}`
        let plan
        try {
          plan = await engine.plan(source, process)
        } catch (error) {
          expect(error).toBeInstanceOf(ImgError) // e.g. a crop starting outside the image
          return
        }
        const result = await engine.run(plan, source)
        ran++
        expect(result.kind).toBe('image')
        if (result.kind === 'image') expect({ width: result.width, height: result.height }).toEqual(plan.size)
      }),
      { numRuns: 100 },
    )
    expect(ran).toBeGreaterThan(25) // most chains are valid, so the property is really exercised
  })
})
