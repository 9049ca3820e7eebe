// The queue's memory budget, its depth that follows the measured job time, and close(): the
// scheduling half of issue 12's "legal-size bombs" and "load shedding" findings.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { createWorkQueue } from './work-queue.js'

function deferred() {
  let resolve!: () => void
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}
const tick = () => new Promise((r) => setTimeout(r, 0))

/** A queue on a test clock (2 slots, a 10-byte budget) whose whole budget one job holds until `release()`. */
async function budgetHeld() {
  const clock = { now: 0 }
  const queue = createWorkQueue({ concurrency: 2, maxQueued: 10_000, targetWaitMs: 1_000_000, memoryBudget: 10, now: () => clock.now })
  const gate = deferred()
  const holder = queue.run(async (slot) => {
    await slot.reserve(10)
    await gate.promise
  })
  await tick()
  return { queue, clock, release: () => (gate.resolve(), holder) }
}

describe('memory budget', () => {
  it('refuses a job that could never fit with ImageTooLarge, before it runs on', async () => {
    const queue = createWorkQueue({ concurrency: 2, maxQueued: 4, memoryBudget: 100 })
    let ran = false
    await expect(queue.run(async (slot) => {
      await slot.reserve(101)
      ran = true
    })).rejects.toMatchObject({ code: 'ImageTooLarge', status: 400 })
    expect(ran).toBe(false)
    expect(queue.reservedBytes).toBe(0)
    expect(queue.active).toBe(0)
  })

  it('tryReserve takes memory only when it is free now; false leaves nothing reserved and reserve may follow', async () => {
    const queue = createWorkQueue({ concurrency: 2, maxQueued: 4, memoryBudget: 100 })
    const gate = deferred()
    const holder = queue.run(async (slot) => {
      expect(slot.tryReserve(70)).toBe(true)
      await gate.promise
    })
    await tick()
    expect(queue.reservedBytes).toBe(70)
    const later = queue.run(async (slot) => {
      expect(slot.tryReserve(40)).toBe(false)
      expect(queue.reservedBytes).toBe(70)
      expect(() => slot.tryReserve(101)).toThrow(expect.objectContaining({ code: 'ImageTooLarge' }))
      await slot.reserve(40) // waits for the holder
      expect(queue.reservedBytes).toBe(40)
      // a reservation only grows: no more than it holds takes nothing, more takes the difference
      expect(slot.tryReserve(1)).toBe(true)
      expect(slot.held).toBe(40)
      expect(slot.tryReserve(60)).toBe(true)
      expect(queue.reservedBytes).toBe(60)
    })
    await tick()
    gate.resolve()
    await Promise.all([holder, later])
    expect(queue.reservedBytes).toBe(0)
  })

  it('a job whose signal has aborted already gets no memory wait, and a size that is no number is refused', async () => {
    const { queue, release } = await budgetHeld()
    const controller = new AbortController()
    const late = queue.run(async (slot) => {
      controller.abort(new Error('the client left'))
      await slot.reserve(5)
    }, controller.signal)
    await expect(late).rejects.toThrow('the client left')
    expect(queue.depth).toBe(0)
    await expect(queue.run(async (slot) => slot.tryReserve(Number.NaN))).rejects.toMatchObject({ code: 'InternalError' })
    await release()
    expect(queue.reservedBytes).toBe(0)
  })

  it('lets small jobs pass a large one waiting for memory, which gives its slot back meanwhile', async () => {
    const queue = createWorkQueue({ concurrency: 2, maxQueued: 8, memoryBudget: 100 })
    const firstBig = deferred()
    const order: string[] = []
    const big1 = queue.run(async (slot) => {
      await slot.reserve(80)
      order.push('big1')
      await firstBig.promise
    })
    await tick()
    const big2 = queue.run(async (slot) => {
      await slot.reserve(80)
      order.push('big2')
    })
    await tick()
    // big2 waits for memory without a slot: the second slot is free for small work
    expect(queue.active).toBe(1)
    expect(queue.depth).toBe(1)
    const small = await Promise.all([1, 2, 3].map((n) => queue.run(async (slot) => {
      await slot.reserve(10)
      order.push(`small${n}`)
      return n
    })))
    expect(small).toEqual([1, 2, 3])
    expect(order).toEqual(['big1', 'small1', 'small2', 'small3'])
    firstBig.resolve()
    await Promise.all([big1, big2])
    expect(order.at(-1)).toBe('big2')
    expect(queue.reservedBytes).toBe(0)
    expect(queue.active + queue.depth).toBe(0)
  })

  it('a job waiting for memory leaves when its signal aborts', async () => {
    const queue = createWorkQueue({ concurrency: 2, maxQueued: 8, memoryBudget: 100 })
    const gate = deferred()
    const holder = queue.run(async (slot) => {
      await slot.reserve(100)
      await gate.promise
    })
    await tick()
    const controller = new AbortController()
    const waiting = queue.run(async (slot) => slot.reserve(50), controller.signal)
    await tick()
    controller.abort(new Error('deadline'))
    await expect(waiting).rejects.toThrow('deadline')
    expect(queue.depth).toBe(0)
    gate.resolve()
    await holder
    expect(queue.active).toBe(0)
    expect(queue.reservedBytes).toBe(0)
  })

  it('never reserves more than the budget or runs more than the slots, and finishes every accepted job', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 3 }), fc.array(fc.record({ bytes: fc.integer({ min: 0, max: 120 }), delay: fc.nat(3) }), { maxLength: 16 }), async (concurrency, jobs) => {
        const budget = 100
        const queue = createWorkQueue({ concurrency, maxQueued: 64, memoryBudget: budget })
        let peakReserved = 0
        let running = 0
        let peakRunning = 0
        const results = await Promise.allSettled(jobs.map(({ bytes, delay }) => queue.run(async (slot) => {
          await slot.reserve(bytes)
          running++
          peakRunning = Math.max(peakRunning, running)
          peakReserved = Math.max(peakReserved, queue.reservedBytes)
          await new Promise((r) => setTimeout(r, delay))
          running--
        })))
        expect(peakReserved).toBeLessThanOrEqual(budget)
        expect(peakRunning).toBeLessThanOrEqual(concurrency)
        results.forEach((result, i) => expect(result.status, `job ${i}`).toBe(jobs[i]!.bytes > budget ? 'rejected' : 'fulfilled'))
        expect(queue.reservedBytes).toBe(0)
        expect(queue.active + queue.depth).toBe(0)
      }),
      { numRuns: 40 },
    )
  })
})

describe('depth that follows the work', () => {
  it('accepts what the workers can start within the target wait, and says when to retry', async () => {
    let clock = 0
    const queue = createWorkQueue({ concurrency: 2, maxQueued: 256, targetWaitMs: 4000, now: () => clock })
    // two finished jobs of 2 s each bring the average close to 2 s: about 4 starts in 4 s on 2 workers
    for (let i = 0; i < 12; i++) {
      await queue.run(async () => {
        clock += 2000
      })
    }
    expect(queue.allowedDepth).toBeGreaterThanOrEqual(2)
    expect(queue.allowedDepth).toBeLessThanOrEqual(5)
    const gates = [deferred(), deferred()]
    const running = gates.map((gate) => queue.run(() => gate.promise))
    const waiting = Array.from({ length: queue.allowedDepth }, () => queue.run(async () => {}))
    const refused = await queue.run(async () => {}).catch((error: unknown) => error)
    expect(refused).toMatchObject({ code: 'SlowDown', status: 503 })
    expect((refused as { detail: { retryAfterSeconds: number } }).detail.retryAfterSeconds).toBeGreaterThanOrEqual(2)
    expect(() => queue.admit()).toThrow(/queue is full/)
    for (const gate of gates) gate.resolve()
    await Promise.all([...running, ...waiting])
  })

  it('counts an admitted request as waiting until it runs or leaves, so a burst cannot slip past', async () => {
    const queue = createWorkQueue({ concurrency: 1, maxQueued: 1, targetWaitMs: 1 })
    const first = queue.admit()
    const second = queue.admit() // the first will take the slot: one may wait
    expect(() => queue.admit()).toThrow(/queue is full/)
    expect(queue.depth).toBe(2)
    second.release()
    second.release() // idempotent
    expect(queue.depth).toBe(1)
    // run() with an admission does not ask again, and gives the place back itself
    expect(await queue.run(async () => 'ran', undefined, first)).toBe('ran')
    expect(queue.depth).toBe(0)
  })

  it('averages the time a job holds its slot, from the last time it took one', async () => {
    const { queue, clock, release } = await budgetHeld()
    // waits 60 s for memory without a slot, then holds one for 100 ms
    const waiter = queue.run(async (slot) => {
      await slot.reserve(10)
      clock.now += 100
    })
    await tick()
    clock.now += 60_000
    await Promise.all([release(), waiter])
    // average: 250 -> 12 200 (the holder's 60 s) -> 9 780 (the waiter's 100 ms); had the wait for
    // memory counted, 21 780. 2 slots: 1e6 / 9 780 x 2 = 204 waiting jobs within the target
    expect(queue.allowedDepth).toBe(204)
  })

  it('never below the worker count, never above maxQueued', () => {
    expect(createWorkQueue({ concurrency: 4, maxQueued: 256, targetWaitMs: 1 }).allowedDepth).toBe(4)
    expect(createWorkQueue({ concurrency: 4, maxQueued: 3, targetWaitMs: 60_000 }).allowedDepth).toBe(3)
  })
})

describe('what a waiting job leaves behind', () => {
  it('a job aborted while waiting for memory does not count as a long job', async () => {
    const { queue, clock, release } = await budgetHeld()
    const before = queue.allowedDepth
    const controller = new AbortController()
    const waiting = queue.run(async (slot) => slot.reserve(10), controller.signal)
    await tick()
    clock.now += 30_000
    controller.abort(new Error('deadline'))
    await expect(waiting).rejects.toThrow('deadline')
    expect(queue.allowedDepth).toBe(before)
    clock.now -= 30_000
    await release()
  })
})

describe('close (shutting down)', () => {
  it('refuses a job admitted before close() when it comes to run', async () => {
    const queue = createWorkQueue({ concurrency: 1, maxQueued: 8 })
    const admission = queue.admit()
    queue.close()
    await expect(queue.run(async () => 'never', undefined, admission)).rejects.toMatchObject({ code: 'SlowDown' })
    expect(queue.depth).toBe(0)
  })

  it('answers waiting jobs 503 at once, refuses new ones, lets running ones finish', async () => {
    const queue = createWorkQueue({ concurrency: 1, maxQueued: 8, memoryBudget: 10 })
    const gate = deferred()
    const running = queue.run(async (slot) => {
      await slot.reserve(10)
      await gate.promise
      return 'done'
    })
    await tick()
    const forSlot = queue.run(async () => 'never')
    queue.close()
    await expect(forSlot).rejects.toMatchObject({ code: 'SlowDown', message: 'The server is shutting down.' })
    await expect(queue.run(async () => 'never')).rejects.toMatchObject({ code: 'SlowDown' })
    expect(queue.depth).toBe(0)
    gate.resolve()
    expect(await running).toBe('done')
  })

  it('holds reserveAheadBytes for each job from its start, so a plan within them asks for nothing more', async () => {
    const queue = createWorkQueue({ concurrency: 3, maxQueued: 4, memoryBudget: 100, reserveAheadBytes: 30 })
    const gate = deferred()
    const seen: number[] = []
    const small = queue.run(async (slot) => {
      seen.push(slot.held)
      expect(slot.tryReserve(20)).toBe(true) // within what it holds
      expect(queue.reservedBytes).toBe(30)
      await gate.promise
    })
    const large = queue.run(async (slot) => {
      seen.push(slot.held)
      expect(slot.tryReserve(50)).toBe(true) // 20 more
      expect(queue.reservedBytes).toBe(80)
      await gate.promise
    })
    await tick()
    // 20 left: a third job starts with nothing ahead, and waiting it gives nothing back it does not hold
    const third = queue.run(async (slot) => {
      seen.push(slot.held)
      await slot.reserve(40)
      expect(slot.held).toBe(40)
    })
    await tick()
    expect(seen).toEqual([30, 30, 0])
    gate.resolve()
    await Promise.all([small, large, third])
    expect(queue.reservedBytes).toBe(0)
  })

  it('a job that must wait gives back what it holds ahead, so two jobs never wait on each other', async () => {
    const queue = createWorkQueue({ concurrency: 2, maxQueued: 4, memoryBudget: 100, reserveAheadBytes: 40 })
    const order: string[] = []
    const job = (name: string) =>
      queue.run(async (slot) => {
        // holding 40 each, both need 70: with the 40 kept while waiting for 30 more, neither would run
        await tick()
        order.push(`${name} holds ${slot.held}`)
        await slot.reserve(70)
        order.push(`${name} runs with ${queue.reservedBytes}`)
        await tick()
        order.push(`${name} done`)
      })
    await Promise.all([job('a'), job('b')])
    expect(order).toEqual(['a holds 40', 'b holds 40', 'b runs with 70', 'b done', 'a runs with 70', 'a done'])
    expect(queue.reservedBytes).toBe(0)
  })
})
