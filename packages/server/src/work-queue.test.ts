import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { createWorkQueue } from './work-queue.js'

function deferred() {
  let resolve!: () => void
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

describe('createWorkQueue', () => {
  it('runs at most `concurrency` jobs and refuses past maxQueued with SlowDown', async () => {
    const depths: number[] = []
    const queue = createWorkQueue({ concurrency: 1, maxQueued: 1, onDepth: (d) => depths.push(d) })
    const gate = deferred()
    const first = queue.run(() => gate.promise)
    const second = queue.run(async () => 'second')
    expect(queue.active).toBe(1)
    expect(queue.depth).toBe(1)
    await expect(queue.run(async () => 'third')).rejects.toMatchObject({ code: 'SlowDown', status: 503 })
    gate.resolve()
    await first
    expect(await second).toBe('second')
    expect(queue.active).toBe(0)
    expect(depths).toEqual([1, 0])
  })

  it('drops a waiting job whose signal aborts', async () => {
    const queue = createWorkQueue({ concurrency: 1, maxQueued: 4 })
    const gate = deferred()
    const first = queue.run(() => gate.promise)
    const controller = new AbortController()
    const waiting = queue.run(async () => 'never', controller.signal)
    controller.abort(new Error('gone'))
    await expect(waiting).rejects.toThrow('gone')
    expect(queue.depth).toBe(0)
    gate.resolve()
    await first
  })

  it('never exceeds its concurrency and finishes every accepted job', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 6 }), fc.array(fc.nat(3), { maxLength: 20 }), async (concurrency, maxQueued, delays) => {
        const queue = createWorkQueue({ concurrency, maxQueued })
        let running = 0
        let peak = 0
        const results = await Promise.allSettled(
          delays.map((delay) =>
            queue.run(async () => {
              running++
              peak = Math.max(peak, running)
              await new Promise((r) => setTimeout(r, delay))
              running--
            }),
          ),
        )
        expect(peak).toBeLessThanOrEqual(concurrency)
        const accepted = results.filter((r) => r.status === 'fulfilled').length
        expect(accepted).toBe(Math.min(delays.length, concurrency + maxQueued))
        expect(queue.active + queue.depth).toBe(0)
      }),
      { numRuns: 40 },
    )
  })
})
