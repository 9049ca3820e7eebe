/**
 * The image work queue: who runs, who waits, who is turned away.
 *
 * - **Slots**: at most `concurrency` jobs run at once (the worker count on Node).
 * - **Memory**: a running job reserves its planned peak memory (`slot.reserve(bytes)`, or
 *   `slot.tryReserve` from a job that must not wait where it is) from a server-wide budget before
 *   it decodes. A job that can never fit is refused with ImageTooLarge;
 *   one that does not fit now gives its slot back and waits, so small jobs keep flowing past a
 *   queued bomb instead of waiting behind it. Reservations are granted to the first waiter that
 *   fits; the deadline bounds how long a large one can be passed over. With `reserveAheadBytes`
 *   a job holds that much from the start (when free and no one waits), and its own reservation
 *   takes only what it needs beyond it; one that must wait gives back what it holds first.
 * - **Depth follows the work**: the queue accepts only as many waiting jobs as the workers can
 *   start within `targetWaitMs`, from a moving average of how long a job holds its slot (by
 *   Little's law, `concurrency` slots held that long each start one job per `average /
 *   concurrency`: the wait a new job will see, main-thread work and all); one more gets
 *   503 SlowDown with `Retry-After` at once. `admit()` answers that before any storage read and
 *   hands out an admission that counts as waiting from then on, so requests between their
 *   admission and their turn cannot all slip past a full queue. `maxQueued` is the hard cap.
 * - A waiting job holds no image bytes (sources are read once a slot is free) and leaves the
 *   queue when its signal aborts (deadline, client gone).
 */
import { ImgError } from '@imgproc/types'

export interface JobSlot {
  /**
   * holds `bytes` of the memory budget in all for the rest of the job (may wait; see above): a
   * job's reservation only grows, so asking for no more than it holds takes nothing
   */
  reserve(bytes: number): Promise<void>
  /**
   * the same, only if the difference is free now: false changes nothing, and `reserve` may follow
   * (a job that asks from a worker thread must not hold that thread while it waits)
   */
  tryReserve(bytes: number): boolean
  /** bytes this job holds now (`reserveAheadBytes` before it has asked) */
  readonly held: number
}

/** A place in the queue taken by `admit()`: counted as waiting until `run` uses it or it is released. */
export interface Admission {
  /** gives the place back (idempotent; `run` does it itself) */
  release(): void
}

export interface WorkQueue {
  /** runs `job` once a slot is free; with an admission from `admit()`, without checking again */
  run<T>(job: (slot: JobSlot) => Promise<T>, signal?: AbortSignal, admission?: Admission): Promise<T>
  /** a place in the queue, or SlowDown (with `retryAfterSeconds`) when a new job would be turned away now */
  admit(): Admission
  /** shutting down: waiting jobs are refused now (503), new ones too; running ones go on */
  close(): void
  /** jobs waiting for a slot or for memory */
  readonly depth: number
  /** jobs running */
  readonly active: number
  /** bytes of the memory budget reserved by running jobs */
  readonly reservedBytes: number
  /** waiting jobs accepted now (follows the measured job time; at most maxQueued) */
  readonly allowedDepth: number
}

export interface WorkQueueOptions {
  concurrency: number
  /** hard cap on waiting jobs */
  maxQueued: number
  /** how long a newly queued job should wait at most before it starts; default 5000 ms */
  targetWaitMs?: number
  /** bytes all running jobs may reserve together; default unlimited */
  memoryBudget?: number
  /**
   * bytes each job holds from the start, when they are free and no job waits for memory (0, the
   * default: none); a job's own reservation within them takes nothing more (`JobSlot.held`)
   */
  reserveAheadBytes?: number
  /** called with the new depth whenever it changes (the queue-depth gauge) */
  onDepth?: (depth: number) => void
  /** the clock (tests) */
  now?: () => number
}

/** Assumed job time before any job has finished: a thumbnail's order of magnitude. */
const INITIAL_JOB_MS = 250
/** Weight of the newest job in the moving average. */
const SMOOTHING = 0.2

interface MemoryWaiter {
  bytes: number
  grant: () => void
}

export function createWorkQueue(options: WorkQueueOptions): WorkQueue {
  const { concurrency, maxQueued } = options
  const targetWaitMs = options.targetWaitMs ?? 5000
  const budget = options.memoryBudget ?? Number.POSITIVE_INFINITY
  const reserveAhead = Math.min(options.reserveAheadBytes ?? 0, budget)
  const now = options.now ?? (() => performance.now())
  const slotWaiters: Array<() => void> = []
  const memoryWaiters: MemoryWaiter[] = []
  let active = 0
  let reserved = 0
  let averageJobMs = INITIAL_JOB_MS
  let closed = false
  let admitted = 0
  const depth = () => slotWaiters.length + memoryWaiters.length + admitted
  const report = () => options.onDepth?.(depth())

  function allowedDepth(): number {
    const startsWithinTarget = Math.floor((targetWaitMs / averageJobMs) * concurrency)
    return Math.min(maxQueued, Math.max(concurrency, startsWithinTarget))
  }

  function slowDown(): ImgError {
    const waitSeconds = Math.ceil(((depth() + 1) * averageJobMs) / concurrency / 1000)
    return new ImgError('SlowDown', 'Please reduce your request rate: the image work queue is full.', {
      retryAfterSeconds: Math.max(1, waitSeconds),
    })
  }

  function wakeSlotWaiter(): void {
    if (active >= concurrency) return
    const next = slotWaiters.shift()
    if (!next) return
    active++
    report()
    next()
  }

  function wakeMemoryWaiters(): void {
    for (let i = 0; i < memoryWaiters.length; ) {
      const waiter = memoryWaiters[i]!
      if (reserved + waiter.bytes > budget) {
        i++
        continue
      }
      memoryWaiters.splice(i, 1)
      reserved += waiter.bytes
      report()
      waiter.grant()
    }
  }

  const shuttingDown = () => new ImgError('SlowDown', 'The server is shutting down.', { retryAfterSeconds: 1 })
  /** rejects every waiting job (close()) */
  const evictions = new Set<() => void>()

  /** Waits in `list` until woken; leaves it (rejecting) when the signal aborts or the queue closes. */
  function waitIn<T>(list: T[], entry: (wake: () => void) => T, signal?: AbortSignal, front = false): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      // an abort event never fires again: a signal aborted already must not join the list
      if (signal?.aborted) return reject(signal.reason)
      const item = entry(() => {
        signal?.removeEventListener('abort', onAbort)
        evictions.delete(evict)
        resolve()
      })
      const leave = (reason: unknown) => {
        const at = list.indexOf(item)
        if (at === -1) return
        list.splice(at, 1)
        signal?.removeEventListener('abort', onAbort)
        evictions.delete(evict)
        report()
        reject(reason)
      }
      const onAbort = () => leave(signal?.reason)
      const evict = () => leave(shuttingDown())
      evictions.add(evict)
      if (front) list.unshift(item)
      else list.push(item)
      report()
      signal?.addEventListener('abort', onAbort, { once: true })
    })
  }

  async function acquireSlot(signal?: AbortSignal, front = false): Promise<void> {
    signal?.throwIfAborted()
    if (closed) throw shuttingDown()
    if (active < concurrency && (front || slotWaiters.length === 0)) {
      active++
      return
    }
    await waitIn(slotWaiters, (wake) => wake, signal, front)
  }

  function releaseSlot(): void {
    active--
    wakeSlotWaiter()
  }

  function admit(): Admission {
    if (closed) throw shuttingDown()
    // admitted requests fill the free slots first; what is left over waits
    const waitingBeyondSlots = depth() - Math.max(0, concurrency - active)
    if (waitingBeyondSlots >= allowedDepth()) throw slowDown()
    admitted++
    let held = true
    return {
      release() {
        if (!held) return
        held = false
        admitted--
      },
    }
  }

  return {
    admit,
    close() {
      closed = true
      for (const evict of [...evictions]) evict()
    },
    async run(job, signal, admission) {
      ;(admission ?? admit()).release()
      if (closed) throw shuttingDown()
      await acquireSlot(signal)
      let holdsSlot = true
      let held = 0
      // the slot-hold time: from the (last) time this job took a slot
      let started = now()
      /** `bytes` as a whole reservation; refuses a count that is no size, and one that can never fit */
      const wanted = (bytes: number): number => {
        // the count may come from a processor in another thread: NaN would pass every comparison below
        if (!Number.isFinite(bytes)) throw new ImgError('InternalError', 'The image processor asked for memory without a size.')
        const whole = Math.max(0, Math.ceil(bytes))
        if (whole > budget) {
          throw new ImgError('ImageTooLarge', `The image needs about ${mib(whole)} MiB to process; this server's image memory budget is ${mib(budget)} MiB.`)
        }
        return whole
      }
      /** holds `asked` bytes in all if the difference is free now (a job's reservation only grows) */
      const growIfFree = (asked: number): boolean => {
        const more = asked - held
        if (more <= 0) return true
        if (reserved + more > budget) return false
        reserved += more
        held = asked
        return true
      }
      // held ahead of the job's own ask, so a processor in another thread that plans within it
      // need not ask the main thread and wait for the answer (`held` below)
      if (reserveAhead > 0 && memoryWaiters.length === 0) growIfFree(reserveAhead)
      const slot: JobSlot = {
        get held() {
          return held
        },
        tryReserve: (bytes) => growIfFree(wanted(bytes)),
        async reserve(bytes) {
          signal?.throwIfAborted()
          const asked = wanted(bytes)
          if (growIfFree(asked)) return
          // what it holds goes back while it waits (holding part while waiting for the rest could
          // deadlock two jobs); the slot goes to someone who fits; then it takes the next free slot first
          reserved -= held
          held = 0
          wakeMemoryWaiters()
          holdsSlot = false
          releaseSlot()
          await waitIn(memoryWaiters, (grant) => ({ bytes: asked, grant }), signal)
          held = asked
          await acquireSlot(signal, true)
          holdsSlot = true
          started = now()
        },
      }
      try {
        return await job(slot)
      } finally {
        // a job that ends without its slot (aborted while waiting) says nothing about job times
        if (holdsSlot) {
          averageJobMs += SMOOTHING * (Math.max(1, now() - started) - averageJobMs)
          releaseSlot()
        }
        reserved -= held
        wakeMemoryWaiters()
      }
    },
    get depth() {
      return depth()
    },
    get active() {
      return active
    },
    get reservedBytes() {
      return reserved
    },
    get allowedDepth() {
      return allowedDepth()
    },
  }
}

function mib(bytes: number): number {
  return Math.ceil(bytes / (1024 * 1024))
}
