// runImageJob and the processor's in-job reservation: a job is planned once and asks for its
// memory from within; one whose memory is not free stops, hands its source back, waits for the
// memory without the processor, and runs again with it held, while smaller jobs pass it.
import { describe, expect, it } from 'vitest'
import { runImageJob } from './image-job.js'
import { noObjects, ReservationDeferred, type ImageProcessor, type ProcessJob } from './processor.js'
import { createWorkQueue } from './work-queue.js'

function gate() {
  let open!: () => void
  const opened = new Promise<void>((resolve) => (open = resolve))
  return { opened, open }
}
const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

/** Plans `source[0]` bytes for a job, asks for them, and holds them until the job's gate opens. */
function planningProcessor(gates: Map<number, Promise<void>>) {
  const calls: Array<{ size: number; reserves: boolean; source: Uint8Array }> = []
  const processor: ImageProcessor = {
    async process(job: ProcessJob) {
      const size = job.source[0]!
      calls.push({ size, reserves: job.reserve !== undefined, source: job.source })
      if (job.reserve && !(await job.reserve(size))) throw new ReservationDeferred(size, job.source)
      await gates.get(size)
      return { body: new Uint8Array([size]), contentType: 'image/test' }
    },
  }
  return { processor, calls }
}

/** A queue with a 100-byte budget, `bytes` of it held by a running job until `release()`. */
async function memoryHeld(bytes: number) {
  const queue = createWorkQueue({ concurrency: 2, maxQueued: 4, memoryBudget: 100 })
  const hold = gate()
  const { processor } = planningProcessor(new Map([[bytes, hold.opened]]))
  const holder = runImageJob({ queue, processor, signal: new AbortController().signal }, input(bytes))
  await tick()
  return { queue, release: () => (hold.open(), holder) }
}

const input = (size: number) => ({ readSource: async () => new Uint8Array([size]), process: 'image/resize,w_1', dialect: 'oss' as const, loadObject: noObjects })

describe('runImageJob', () => {
  it('lets the processor reserve its planned memory once, from within the job', async () => {
    const queue = createWorkQueue({ concurrency: 2, maxQueued: 4, memoryBudget: 100 })
    const hold = gate()
    const { processor, calls } = planningProcessor(new Map([[60, hold.opened]]))
    const job = runImageJob({ queue, processor, signal: new AbortController().signal }, input(60))
    await tick()
    expect(queue.reservedBytes).toBe(60)
    hold.open()
    expect([...(await job).body]).toEqual([60])
    expect(calls).toMatchObject([{ size: 60, reserves: true }])
    expect(queue.reservedBytes).toBe(0)
  })

  it('waits for deferred memory without the processor, lets smaller jobs pass, and runs again with the source handed back', async () => {
    const queue = createWorkQueue({ concurrency: 3, maxQueued: 8, memoryBudget: 100 })
    const first = gate()
    const { processor, calls } = planningProcessor(new Map([[70, first.opened]]))
    const parts = { queue, processor, signal: new AbortController().signal }
    const holder = runImageJob(parts, input(70))
    await tick()
    const large = runImageJob(parts, input(50))
    await tick()
    // the large job stopped before its work: nothing of it reserved, its slot free for a small one
    expect(queue.reservedBytes).toBe(70)
    expect(queue.active).toBe(1)
    expect([...(await runImageJob(parts, input(20))).body]).toEqual([20])
    first.open()
    await holder
    expect([...(await large).body]).toEqual([50])
    const runs = calls.filter((call) => call.size === 50)
    // both runs asked: the rerun's answer only checks the plan against the memory already held
    expect(runs.map((call) => call.reserves)).toEqual([true, true])
    expect(runs[1]!.source).toBe(runs[0]!.source)
    expect(queue.reservedBytes).toBe(0)
  })

  it('a job deferred after its request ended fails at once instead of waiting for memory', async () => {
    const { queue, release } = await memoryHeld(90)
    const controller = new AbortController()
    const leaving: ImageProcessor = {
      async process(job) {
        controller.abort(new Error('deadline'))
        if (job.reserve && !(await job.reserve(50))) throw new ReservationDeferred(50, job.source)
        return { body: new Uint8Array(0), contentType: 'image/test' }
      },
    }
    await expect(runImageJob({ queue, processor: leaving, signal: controller.signal }, input(50))).rejects.toThrow('deadline')
    expect(queue.depth).toBe(0)
    await release()
  })

  it('refuses a rerun whose new plan needs more memory than it waited for, with a retryable SlowDown', async () => {
    const { queue, release } = await memoryHeld(90)
    let plans = 0
    const growing: ImageProcessor = {
      async process(job) {
        const bytes = ++plans === 1 ? 30 : 60 // a watermark swapped for a larger one while it waited
        if (job.reserve && !(await job.reserve(bytes))) throw new ReservationDeferred(bytes, job.source)
        return { body: new Uint8Array(0), contentType: 'image/test' }
      },
    }
    const grown = runImageJob({ queue, processor: growing, signal: new AbortController().signal }, input(1))
    await tick()
    await release()
    await expect(grown).rejects.toMatchObject({ code: 'SlowDown' })
    expect(queue.reservedBytes).toBe(0)
  })

  it("turns a job that can never fit away with the budget's ImageTooLarge", async () => {
    const queue = createWorkQueue({ concurrency: 2, maxQueued: 4, memoryBudget: 100 })
    const { processor } = planningProcessor(new Map())
    await expect(runImageJob({ queue, processor, signal: new AbortController().signal }, input(101))).rejects.toMatchObject({ code: 'ImageTooLarge' })
    expect(queue.reservedBytes).toBe(0)
  })

  it('reserves an estimate first for a processor that offers one, and gives it no reserve', async () => {
    const queue = createWorkQueue({ concurrency: 2, maxQueued: 4, memoryBudget: 100 })
    const seen: boolean[] = []
    const processor: ImageProcessor = {
      estimate: async () => 40,
      async process(job) {
        seen.push(job.reserve !== undefined)
        expect(queue.reservedBytes).toBe(40)
        return { body: new Uint8Array(0), contentType: 'image/test' }
      },
    }
    await runImageJob({ queue, processor, signal: new AbortController().signal }, input(1))
    expect(seen).toEqual([false])
  })

  it('gives a processor that reads files the source as a file, reserved from within, and reruns a deferral from the bytes it read', async () => {
    const queue = createWorkQueue({ concurrency: 2, maxQueued: 4, memoryBudget: 100 })
    const file = { fd: 42, start: 0, length: 1, close: () => {} }
    const asked: string[] = []
    let grant = false
    const processor: ImageProcessor = {
      async processFile(job) {
        asked.push(`file ${job.file.fd}`)
        if (job.reserve && !(await job.reserve(60))) throw new ReservationDeferred(60, new Uint8Array([60]))
        return { body: new Uint8Array([1]), contentType: 'image/test' }
      },
      async process(job) {
        asked.push(`bytes ${job.source[0]}`)
        expect(await job.reserve!(60)).toBe(true)
        return { body: new Uint8Array([2]), contentType: 'image/test' }
      },
    }
    const filed = { ...input(0), readSource: async () => (asked.push('readSource'), new Uint8Array([0])), openSource: async () => (grant ? file : undefined) }
    // no file to hand over (another adapter): the bytes, as before
    await runImageJob({ queue, processor, signal: new AbortController().signal }, filed)
    expect(asked.splice(0)).toEqual(['readSource', 'bytes 0'])
    grant = true
    expect([...(await runImageJob({ queue, processor, signal: new AbortController().signal }, filed)).body]).toEqual([1])
    expect(asked.splice(0)).toEqual(['file 42'])
    // the memory not free: the deferral's bytes run again, with the memory held
    const held = await memoryHeld(50)
    const deferred = runImageJob({ queue: held.queue, processor, signal: new AbortController().signal }, filed)
    await tick()
    expect(asked.splice(0)).toEqual(['file 42'])
    await held.release()
    expect([...(await deferred).body]).toEqual([2])
    expect(asked).toEqual(['bytes 60'])
    expect(held.queue.reservedBytes).toBe(0)
  })

  it("tells the processor what the queue holds for the job ahead of its ask", async () => {
    const queue = createWorkQueue({ concurrency: 2, maxQueued: 4, memoryBudget: 100, reserveAheadBytes: 50 })
    const seen: Array<number | undefined> = []
    const processor: ImageProcessor = {
      async process(job) {
        seen.push(job.reserved)
        expect(await job.reserve!(40)).toBe(true)
        expect(queue.reservedBytes).toBe(50) // within it: nothing more taken
        return { body: new Uint8Array(0), contentType: 'image/test' }
      },
    }
    await runImageJob({ queue, processor, signal: new AbortController().signal }, input(1))
    expect(seen).toEqual([50])
    expect(queue.reservedBytes).toBe(0)
  })

  it('closes the file when the processor throws instead of taking it', async () => {
    const queue = createWorkQueue({ concurrency: 2, maxQueued: 4 })
    let closes = 0
    const processor: ImageProcessor = {
      processFile() {
        throw new Error('not taken')
      },
      process: async () => ({ body: new Uint8Array(0), contentType: 'image/test' }),
    }
    const filed = { ...input(1), openSource: async () => ({ fd: 3, start: 0, length: 1, close: () => void closes++ }) }
    await expect(runImageJob({ queue, processor, signal: new AbortController().signal }, filed)).rejects.toThrow('not taken')
    expect(closes).toBe(1)
  })
})
