import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { pixelPoolStats, pooledCapacity, recyclePixels, setPixelPoolBudget, takePixels } from './pixel-pool.js'

const MiB = 2 ** 20

describe('pixel pool', () => {
  afterEach(() => setPixelPoolBudget(96 * MiB))

  it('reuses a returned buffer of the same length, cleared unless asked not to', () => {
    setPixelPoolBudget(0)
    setPixelPoolBudget(64 * MiB)
    const first = takePixels(2 * MiB)
    first.fill(7)
    recyclePixels(first)
    expect(pixelPoolStats()).toMatchObject({ buffers: 1, bytes: 2 * MiB })
    const second = takePixels(2 * MiB)
    expect(second.buffer).toBe(first.buffer)
    expect(second.every((v) => v === 0)).toBe(true)
    recyclePixels(second)
    const dirty = takePixels(2 * MiB, false)
    expect(dirty.buffer).toBe(first.buffer)
    expect(pixelPoolStats().buffers).toBe(0)
  })

  it('never takes in a buffer it did not mint, a view, a small or a transferred one', () => {
    setPixelPoolBudget(0)
    setPixelPoolBudget(64 * MiB)
    recyclePixels(new Uint8ClampedArray(2 * MiB)) // not minted
    recyclePixels(takePixels(1024)) // small: not minted either
    const wasm = new WebAssembly.Memory({ initial: 64 })
    recyclePixels(new Uint8ClampedArray(wasm.buffer)) // a module's memory
    const moved = takePixels(2 * MiB)
    structuredClone(moved.buffer, { transfer: [moved.buffer] })
    recyclePixels(moved) // detached: length 0
    expect(pixelPoolStats().buffers).toBe(0)
  })

  it('keeps a buffer once even when returned twice', () => {
    setPixelPoolBudget(0)
    setPixelPoolBudget(64 * MiB)
    const data = takePixels(3 * MiB)
    recyclePixels(data)
    recyclePixels(data)
    expect(pixelPoolStats()).toMatchObject({ buffers: 1, bytes: 3 * MiB })
    expect(takePixels(3 * MiB).buffer).toBe(data.buffer)
    expect(takePixels(3 * MiB).buffer).not.toBe(data.buffer)
  })

  it('hands out views of the length asked for, over buffers shared by nearby lengths (size classes)', () => {
    setPixelPoolBudget(0)
    setPixelPoolBudget(64 * MiB)
    const a = takePixels(1_300_000)
    expect(a.length).toBe(1_300_000)
    expect(a.byteOffset).toBe(0)
    expect(a.buffer.byteLength).toBe(pooledCapacity(1_300_000))
    a.fill(9)
    recyclePixels(a)
    const b = takePixels(1_250_004) // another width, the same class
    expect(b.buffer).toBe(a.buffer)
    expect(b.length).toBe(1_250_004)
    expect(b.every((v) => v === 0)).toBe(true)
    recyclePixels(b)
    expect(takePixels(1_500_000).buffer).not.toBe(a.buffer) // another class
  })

  it('size classes: at least the length, at most an eighth more, a multiple of 4 (property)', () => {
    fc.assert(fc.property(fc.integer({ min: MiB / 4, max: 512 * MiB }), (pixels) => {
      const length = pixels * 4
      const capacity = pooledCapacity(length)
      expect(capacity).toBeGreaterThanOrEqual(length)
      expect(capacity).toBeLessThanOrEqual(length * 1.125)
      expect(capacity % 4).toBe(0)
    }))
  })

  it('never keeps more idle bytes than the budget, nor more than 16 buffers (property)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 40 }),
      fc.array(fc.record({ mib: fc.integer({ min: 1, max: 12 }), give: fc.boolean() }), { maxLength: 30 }),
      (budgetMiB, steps) => {
        setPixelPoolBudget(0)
        setPixelPoolBudget(budgetMiB * MiB)
        const held: Uint8ClampedArray[] = []
        for (const { mib, give } of steps) {
          if (give && held.length) recyclePixels(held.shift()!)
          else held.push(takePixels(mib * MiB, false))
          const stats = pixelPoolStats()
          expect(stats.bytes).toBeLessThanOrEqual(budgetMiB * MiB)
          expect(stats.buffers).toBeLessThanOrEqual(16)
        }
        // a buffer handed out is never handed out twice while held
        const buffers = held.map((d) => d.buffer)
        expect(new Set(buffers).size).toBe(buffers.length)
      },
    ), { numRuns: 60 })
  })
})
