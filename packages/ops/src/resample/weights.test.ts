import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { KERNELS, type KernelName } from './kernels.js'
import { computeWeights, WEIGHT_BITS } from './weights.js'

const names = Object.keys(KERNELS) as KernelName[]

describe('computeWeights', () => {
  it('weights sum to one in fixed point and stay inside the source (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 400 }), fc.constantFrom(...names),
      (src, dst, name) => {
        const w = computeWeights(src, dst, KERNELS[name])
        for (let i = 0; i < dst; i++) {
          let sum = 0
          for (let k = 0; k < w.count[i]!; k++) sum += w.values[i * w.taps + k]!
          expect(sum).toBe(1 << WEIGHT_BITS)
          expect(w.start[i]).toBeGreaterThanOrEqual(0)
          expect(w.start[i]! + w.count[i]!).toBeLessThanOrEqual(src)
          expect(w.count[i]).toBeLessThanOrEqual(w.taps)
        }
      }))
  })
  it('same size is one tap of weight one for interpolating kernels', () => {
    for (const name of names) {
      const w = computeWeights(10, 10, KERNELS[name])
      for (let i = 0; i < 10; i++) {
        expect(w.start[i]).toBe(i)
        expect(w.count[i]).toBe(1)
      }
    }
  })
})
