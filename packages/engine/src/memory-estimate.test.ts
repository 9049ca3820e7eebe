// The memory estimate counts what a run really holds: a large watermark object is decoded at full
// size whatever the base's size, and a watermark's own steps (a nested resize) are counted too.
import { beforeAll, describe, expect, it } from 'vitest'
import { createEngine } from './engine.js'
import { estimatePeakBytes } from './memory-estimate.js'
import { b64url, generatedJpeg, setupCodecs } from './node-test-fixtures.js'

const MiB = 1024 * 1024

beforeAll(() => setupCodecs())

describe('estimatePeakBytes', () => {
  it('grows with the decoded size of the source', async () => {
    const engine = createEngine()
    const small = await engine.plan(await generatedJpeg(64, 48), 'image/blur,r_3,s_2')
    const large = await engine.plan(await generatedJpeg(1600, 1200), 'image/blur,r_3,s_2')
    expect(estimatePeakBytes(large)).toBeGreaterThan(1600 * 1200 * 4 * 3)
    expect(estimatePeakBytes(large)).toBeGreaterThan(100 * estimatePeakBytes(small))
  })

  it('counts a large watermark object at its full decoded size, on a tiny base', async () => {
    const mark = await generatedJpeg(2000, 2000)
    const engine = createEngine({ loadObject: async () => mark })
    const plain = await engine.plan(await generatedJpeg(64, 48), 'image/resize,w_32')
    const marked = await engine.plan(await generatedJpeg(64, 48), `image/watermark,image_${b64url('mark.jpg')}`)
    expect(estimatePeakBytes(marked) - estimatePeakBytes(plain)).toBeGreaterThan(2000 * 2000 * 4 * 2)
  })

  it("counts a watermark's own steps (a nested enlargement)", async () => {
    const logo = await generatedJpeg(16, 16)
    const engine = createEngine({ loadObject: async () => logo })
    const process = `image/watermark,image_${b64url('logo.jpg?x-oss-process=image/resize,w_4000,h_4000,m_fixed,limit_0')}`
    const plan = await engine.plan(await generatedJpeg(64, 48), process)
    expect(estimatePeakBytes(plan)).toBeGreaterThan(4000 * 4000 * 4)
    expect(estimatePeakBytes(plan)).toBeGreaterThan(60 * MiB)
  })
})
