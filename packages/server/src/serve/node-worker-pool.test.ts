import { getEventListeners } from 'node:events'
import { afterAll, describe, expect, it } from 'vitest'
import { threadId } from 'node:worker_threads'
import { probe } from '@imgproc/codecs'
import { parse } from '@imgproc/grammar'
import { bytePoolStats, ImgError, pooledCapacity, takeBytes } from '@imgproc/types'
import { ReservationDeferred } from '../processor.js'
import { makeDemoImage } from '../demo.js'
import { createWorkerPool } from './node-worker-pool.js'
import { compiledWasmFiles } from './node-wasm-modules.js'

const pool = createWorkerPool({
  size: 2,
  factoryUrl: new URL('./node-worker-pool.fixture.ts', import.meta.url).href,
  factoryOptions: { label: 'fixture' },
  abortGraceMs: 200,
})
afterAll(() => pool.close())

// each job brings its own caller-bound loader: this one serves `mark.png` from bucket `bkt`
const loadObject = async (key: string, bucket = 'bkt') => (key === 'mark.png' ? new TextEncoder().encode(`${bucket}/${key}`) : null)
const job = (process: string, source = new Uint8Array([0, 1, 254]), signal?: AbortSignal) => ({ source, process, dialect: 'oss' as const, loadObject, signal })

describe('createWorkerPool', () => {
  it('runs jobs on worker threads, not the main thread', async () => {
    const outputs = await Promise.all([pool.process(job('thread')), pool.process(job('thread'))])
    for (const output of outputs) {
      const [label, id] = new TextDecoder().decode(output.body).split(':')
      expect(label).toBe('fixture')
      expect(Number(id)).not.toBe(threadId)
    }
  })

  it('transfers the source and returns the output', async () => {
    const output = await pool.process(job('invert'))
    expect([...output.body]).toEqual([255, 254, 1])
    expect(output.contentType).toBe('image/x-inverted')
  })

  it("moves a byte-pool source whole and keeps its buffer when it comes back with the answer, never the answer's own", async () => {
    const idle = () => bytePoolStats().buffers
    const before = idle()
    const source = takeBytes(300_000).fill(1)
    const inverted = await pool.process(job('invert', source))
    expect(source.byteLength).toBe(0) // moved, not copied
    expect(inverted.body.length).toBe(300_000)
    expect(inverted.body.every((byte) => byte === 254)).toBe(true)
    expect(idle()).toBe(before + 1) // came back, kept for the next read
    // an answer that is the source itself (an empty chain) moves back in the source's buffer, not
    // copied: it is the caller's now, not the pool's, and the next read does not overwrite it
    const echoed = await pool.process(job('echo', takeBytes(300_000).fill(5))) // takes the idle one
    expect(idle()).toBe(before)
    expect(echoed.body.length).toBe(300_000)
    expect(echoed.body.buffer.byteLength).toBe(pooledCapacity(300_000))
    takeBytes(300_000).fill(6)
    takeBytes(300_000).fill(6)
    expect(echoed.body.every((byte) => byte === 5)).toBe(true)
    expect(idle()).toBe(before)
    // a failed job's worker may still hold its source: it stays there
    await expect(pool.process(job('fail', takeBytes(300_000).fill(3)))).rejects.toMatchObject({ code: 'InvalidArgument' })
    expect(idle()).toBe(before)
    // a view into someone else's larger buffer is copied, not moved (the rest was not the job's)
    const plain = new Uint8Array(new ArrayBuffer(400_000), 0, 300_000).fill(2)
    expect((await pool.process(job('invert', plain))).body.every((byte) => byte === 253)).toBe(true)
    expect(plain.buffer.byteLength).toBe(400_000)
    expect(idle()).toBe(before) // the copy's buffer is no size class: not kept
  })

  it("answers a worker's memory request through the job's own reserve, then lets it run", async () => {
    const asked: number[] = []
    const output = await pool.process({ ...job('reserve/1234'), reserve: async (bytes) => (asked.push(bytes), true) })
    expect(asked).toEqual([1234])
    expect([...output.body]).toEqual([255, 254, 1])
    // within what the budget holds for it already, the worker grants itself the memory: no ask
    await pool.process({ ...job('reserve/1000'), reserve: async (bytes) => (asked.push(bytes), true), reserved: 1000 })
    await pool.process({ ...job('reserve/1001'), reserve: async (bytes) => (asked.push(bytes), true), reserved: 1000 })
    expect(asked).toEqual([1234, 1001])
  })

  it('hands a deferred job back with its source whole, to run again; a refusal reaches the job as its error', async () => {
    const source = takeBytes(3)
    source.set([0, 1, 254])
    const deferral = await pool.process({ ...job('reserve/99', source), reserve: async () => false }).catch((error: unknown) => error)
    expect(deferral).toBeInstanceOf(ReservationDeferred)
    const { bytes, source: handedBack } = deferral as ReservationDeferred
    expect(bytes).toBe(99)
    expect(source.byteLength).toBe(0) // it went to the worker
    expect([...handedBack]).toEqual([0, 1, 254])
    expect([...(await pool.process(job('reserve/99', handedBack))).body]).toEqual([255, 254, 1])
    // a byte-pool source moves whole again on the rerun: not copied, its buffer back in the pool after
    const large = takeBytes(100_000)
    large.fill(7)
    const largeDeferral = (await pool.process({ ...job('reserve/1', large), reserve: async () => false }).catch((error: unknown) => error)) as ReservationDeferred
    expect(ReservationDeferred.is(largeDeferral)).toBe(true)
    const idleBefore = bytePoolStats().buffers
    expect((await pool.process(job('reserve/1', largeDeferral.source))).body[0]).toBe(248)
    expect(largeDeferral.source.byteLength).toBe(0) // moved, not copied
    expect(bytePoolStats().buffers).toBe(idleBefore + 1)
    const tooLarge = pool.process({ ...job('reserve/5'), reserve: () => Promise.reject(new ImgError('ImageTooLarge', 'never fits')) })
    await expect(tooLarge).rejects.toMatchObject({ code: 'ImageTooLarge', message: 'never fits' })
  })

  it('rebuilds ImgErrors and hides the text of other errors', async () => {
    await expect(pool.process(job('fail'))).rejects.toMatchObject({ code: 'InvalidArgument', detail: { argument: 'w' } })
    const crash = await pool.process(job('crash')).catch((error: unknown) => error)
    expect(crash).toMatchObject({ code: 'InternalError' })
    expect(String((crash as Error).message)).not.toContain('internal detail')
  })

  it("reads objects for a worker through the job's own loadObject", async () => {
    expect(new TextDecoder().decode((await pool.process(job('load/mark.png'))).body)).toBe('bkt/mark.png')
    expect((await pool.process(job('load/none.png'))).contentType).toBe('text/missing')
  })

  it('replaces a worker stuck past the abort grace and keeps serving', async () => {
    const signal = AbortSignal.timeout(100)
    const started = Date.now()
    await expect(pool.process(job('spin', undefined, signal))).rejects.toMatchObject({ name: 'TimeoutError' })
    expect(Date.now() - started).toBeLessThan(3000)
    const outputs = await Promise.all([1, 2, 3].map(() => pool.process(job('invert'))))
    expect(outputs.every((o) => o.body[0] === 255)).toBe(true)
  })

  it('a job waiting for a worker leaves the queue when its signal aborts; an ended job leaves no listener behind', async () => {
    const single = createWorkerPool({ size: 1, factoryUrl: new URL('./node-worker-pool.fixture.ts', import.meta.url).href, abortGraceMs: 200 })
    try {
      await single.ready()
      const busy = new AbortController()
      const running = single.process(job('spin', undefined, busy.signal)).catch((error: unknown) => error)
      const waiting = new AbortController()
      const queued = single.process(job('invert', undefined, waiting.signal))
      expect(single.waiting).toBe(1)
      waiting.abort('gone')
      await expect(queued).rejects.toBe('gone')
      expect(single.waiting).toBe(0)
      busy.abort('stop')
      expect(await running).toBe('stop')
      const done = new AbortController()
      expect((await single.process(job('invert', undefined, done.signal))).body[0]).toBe(255)
      expect(getEventListeners(done.signal, 'abort')).toHaveLength(0)
    } finally {
      await single.close()
    }
  })
})

describe('memory', () => {
  it('replaces a worker whose off-heap (WebAssembly) memory grew past the threshold after its job', async () => {
    const recycling = createWorkerPool({ size: 1, factoryUrl: new URL('./node-worker-pool.fixture.ts', import.meta.url).href, recycleAboveBytes: 32 * 1024 * 1024 })
    try {
      const threadOf = async (process: string) => new TextDecoder().decode((await recycling.process(job(process))).body).split(':')[1]
      const first = await threadOf('thread')
      expect(await threadOf('thread')).toBe(first) // small jobs keep their worker
      expect(await threadOf('grow')).toBe(first) // the job that grew finishes on it...
      const next = await threadOf('thread')
      expect(next).not.toBe(first) // ...then the worker is replaced
      expect(await threadOf('thread')).toBe(next)
    } finally {
      await recycling.close()
    }
  })
})

describe('a pool whose workers cannot start', () => {
  it('stops respawning and fails jobs with InternalError', async () => {
    const broken = createWorkerPool({ size: 1, factoryUrl: new URL('./does-not-exist.fixture.ts', import.meta.url).href })
    try {
      const error = await broken.process(job('invert')).catch((e: unknown) => e)
      expect(error).toMatchObject({ code: 'InternalError' })
      await expect(broken.process(job('invert'))).rejects.toMatchObject({ code: 'InternalError' })
    } finally {
      await broken.close()
    }
  })
})

describe('the default engine in the workers', () => {
  it('is warm once ready (the JPEG codec compiled on the main thread), runs the parse it is given, and takes the source over', async () => {
    const engines = createWorkerPool({ size: 2 })
    try {
      await engines.ready()
      // the warm-up's JPEG codec came from here: the workers asked, the main thread compiled it once for both
      expect(compiledWasmFiles()).toContain('libjpeg_turbo.wasm')
      const source = await makeDemoImage({ width: 64, height: 48 })
      // the string says 32 px, the parse 16: a worker that parsed again would answer 32
      const job = { source, process: 'image/resize,w_32', parsed: parse('image/resize,w_16', { dialect: 'oss' }), dialect: 'oss' as const, loadObject }
      const output = await engines.process(job)
      expect(output.contentType).toBe('image/jpeg')
      expect(probe(output.body).width).toBe(16)
      expect(source.byteLength).toBe(0) // transferred to the worker, not copied
      // planned once, in the worker: the planned peak asked of this job's reserve before decoding
      const again = await makeDemoImage({ width: 64, height: 48 })
      const copy = again.slice()
      const asked: number[] = []
      const deferral = await engines.process({ ...job, source: again, reserve: async (bytes) => (asked.push(bytes), false) }).catch((error: unknown) => error)
      expect(deferral).toBeInstanceOf(ReservationDeferred)
      expect(asked).toHaveLength(1)
      expect((deferral as ReservationDeferred).bytes).toBe(asked[0])
      expect(asked[0]).toBeGreaterThan(64 * 48 * 4)
      expect([...(deferral as ReservationDeferred).source]).toEqual([...copy])
    } finally {
      await engines.close()
    }
  })
})
