/**
 * A pool of worker threads that runs image jobs off the event loop: the Node `ImageProcessor`.
 *
 * - `size` workers (default: the machine's cores), each running one job at a time; extra jobs
 *   wait in order (the handler's bounded queue already caps how many can wait).
 * - Jobs cross parsed: the route's parse of the process string goes to the worker as is (a
 *   structured clone of our own parser's output), and the worker plans from it once.
 * - Source bytes are transferred, not copied: only a view into a larger buffer that is not the
 *   holder's alone (`transferable`) is copied first, and a SharedArrayBuffer is shared; outputs
 *   come back the same way. A source read into a byte-pool buffer (@imgproc/types takeBytes; the
 *   file storage does) comes back with a successful answer and is kept for the next read of its
 *   size class, which then faults in no fresh pages.
 * - Warm workers: the codecs' WebAssembly is compiled once on the main thread and sent to each
 *   worker as a WebAssembly.Module (node-wasm-modules.ts); each worker runs a tiny thumbnail
 *   before it is ready (`ready()`), so no request pays compilation, not even after a recycle.
 * - Objects a job reads (watermarks): its worker asks by job id, and the pool answers through that
 *   job's own `loadObject`, bound to the caller (storage and rights live on the main thread).
 * - Memory: after each job a worker reports its off-heap memory (WebAssembly memories grow and
 *   never shrink); past `recycleAboveBytes` it is replaced, so RSS returns to its baseline after
 *   a large image. The server's memory budget lives on the main thread: a worker that has planned
 *   its job (headers only, no decode) asks by job id for the planned peak, and the pool answers
 *   through that job's own `reserve`; a job whose memory is not free stops there and comes back
 *   with its source (`ReservationDeferred`) instead of holding its thread while it waits.
 *   The main thread never loads the engine.
 * - Abort (deadline or client gone): a waiting job leaves the queue; a running job is told to
 *   stop, and if it has not stopped after `abortGraceMs` its worker is terminated and replaced,
 *   so a stuck decode never holds a thread past the deadline.
 * - A worker that crashes is replaced; its job fails with InternalError.
 *
 * Running from TypeScript source (tsx, vitest), workers load tsx's ESM hooks first
 * (node-worker-spawn.ts), so one command (`pnpm start`) works without a build.
 */
import { availableParallelism } from 'node:os'
import type { Worker } from 'node:worker_threads'
import { ImgError, recycleBytes } from '@imgproc/types'
import { ReservationDeferred, type ImageProcessor, type ProcessJob, type ProcessOutput } from '../processor.js'
import { fromWire, returnedSource, toWire, transferable, type FromWorker, type SentSource, type ToWorker, type WorkerSetup } from './node-worker-protocol.js'
import { compiledWasm, isWasmFile } from './node-wasm-modules.js'
import { spawnWorker } from './node-worker-spawn.js'

export interface WorkerPoolOptions extends WorkerSetup {
  /** threads; default `os.availableParallelism()` */
  size?: number
  /**
   * a worker holding more off-heap (WebAssembly) memory than this after a job is replaced; default
   * 512 MiB (a worker that has decoded and encoded a 6 Mpx JPEG at full size holds about 150 MiB)
   */
  recycleAboveBytes?: number
  /**
   * the peak memory of a job, for the server's budget, for a custom `factoryUrl` processor that
   * does not call `job.reserve` itself (the engine's does, from the worker); without either, its
   * jobs are not charged against the budget
   */
  estimate?: (job: ProcessJob) => Promise<number>
  /** how long an aborted job may keep running before its worker is replaced; default 1000 ms */
  abortGraceMs?: number
  /** V8 heap cap per worker in MiB (WASM memory is separate); default 512 */
  maxHeapMb?: number
}

export interface WorkerPool extends ImageProcessor {
  readonly size: number
  /** jobs waiting for a free worker */
  readonly waiting: number
  /** resolves once every worker has started and warmed up (jobs sent earlier simply wait for that) */
  ready(): Promise<void>
  close(): Promise<void>
}

interface Task {
  id: number
  job: ProcessJob
  resolve: (output: ProcessOutput) => void
  reject: (error: unknown) => void
  /** takes the abort listener off and stops the grace timer (the task has ended) */
  cleanup?: () => void
  /** the worker slot running it, once dispatched */
  slot?: Slot
  /** replaces the worker if an aborted task has not stopped in time */
  graceTimer?: ReturnType<typeof setTimeout>
  /** its source as sent to the worker, whose buffer may come back with the answer or a deferral */
  sent?: SentSource
}

interface Slot {
  worker: Worker
  task?: Task
  /** the worker built its processor and warmed it up */
  ready?: boolean
  /** being terminated: takes no more tasks */
  retiring?: boolean
}

export function createWorkerPool(options: WorkerPoolOptions = {}): WorkerPool {
  const size = Math.max(1, options.size ?? availableParallelism())
  const abortGraceMs = options.abortGraceMs ?? 1000
  const maxHeapMb = options.maxHeapMb ?? 512
  const setup: WorkerSetup = {
    ...(options.factoryUrl ? { factoryUrl: options.factoryUrl } : {}),
    ...(options.factoryOptions ? { factoryOptions: options.factoryOptions } : {}),
  }
  const recycleAboveBytes = options.recycleAboveBytes ?? 512 * 1024 * 1024
  const queue: Task[] = []
  const slots: Slot[] = []
  let nextId = 0
  let closed = false
  // workers that died before becoming ready, in a row: past 3 the pool stops respawning
  // (a broken install would otherwise spin) and fails jobs with a clear error
  let failedStarts = 0
  let broken: ImgError | undefined
  const readyWaiters: Array<{ resolve: () => void; reject: (error: unknown) => void }> = []

  /** Answers `ready()` callers once every worker not being retired is ready, or the pool is broken. */
  function settleReady(): void {
    if (!broken && !slots.every((slot) => slot.ready || slot.retiring)) return
    for (const waiter of readyWaiters.splice(0)) {
      if (broken) waiter.reject(broken)
      else waiter.resolve()
    }
  }

  function start(): Slot {
    const slot: Slot = { worker: spawnWorker(setup, maxHeapMb) }
    const post = (message: ToWorker, transfer: ArrayBuffer[] = []) => slot.worker.postMessage(message, transfer)
    slot.worker.on('message', (message: FromWorker) => {
      if (message.type === 'wasm') {
        const module = isWasmFile(message.file) ? compiledWasm(message.file) : Promise.reject(new ImgError('CodecUnavailable', `${message.file} is not a codec file.`))
        module.then(
          (compiled) => post({ type: 'wasm', file: message.file, module: compiled }),
          (error) => post({ type: 'wasm', file: message.file, error: toWire(error) }),
        )
        return
      }
      if (message.type === 'load') {
        const task = slot.task
        const load = task && task.id === message.id ? task.job.loadObject(message.key, message.bucket) : Promise.reject(new ImgError('AccessDenied', 'The job reading this object has ended.'))
        load.then(
          (bytes) => {
            const copy = bytes === null ? null : bytes.slice()
            post({ type: 'loaded', loadId: message.loadId, bytes: copy }, copy ? [copy.buffer as ArrayBuffer] : [])
          },
          (error) => post({ type: 'loaded', loadId: message.loadId, bytes: null, error: toWire(error) }),
        )
        return
      }
      if (message.type === 'reserve') {
        answerReservation(slot, message.id, message.bytes)
        return
      }
      if (message.type === 'ready') {
        slot.ready = true
        failedStarts = 0
        settleReady()
        return
      }
      const task = slot.task
      if (!task || task.id !== message.id) return
      slot.task = undefined
      task.cleanup?.()
      // a buffer that arrived by transfer is this thread's alone: the byte pool may keep it
      if (message.type === 'done' && message.source && message.source.byteLength === task.sent?.bufferBytes) recycleBytes(message.source)
      if (message.type === 'done') task.resolve({ body: message.body, contentType: message.contentType })
      else if (message.type === 'deferred') {
        // a source that came back neither way fails the job rather than running it empty
        const source = returnedSource(task.sent!, message.source)
        task.reject(source ? new ReservationDeferred(message.bytes, source) : new ImgError('InternalError', 'The image worker did not hand the source of a deferred job back.'))
      }
      else task.reject(fromWire(message.error))
      if (message.memoryBytes > recycleAboveBytes) retire(slot)
      dispatch()
    })
    slot.worker.on('error', (error) => {
      console.error('[imgproc] worker failed', error)
    })
    slot.worker.on('exit', () => {
      const at = slots.indexOf(slot)
      if (at !== -1) slots.splice(at, 1)
      const task = slot.task
      slot.task = undefined
      if (task) {
        task.cleanup?.()
        task.reject(new ImgError('InternalError', 'The image worker stopped while processing.'))
      }
      if (!slot.ready && !slot.retiring) failedStarts++
      if (failedStarts >= 3 && !broken) {
        broken = new ImgError('InternalError', 'The image workers cannot start; see the server log.')
        for (const waiting of queue.splice(0)) {
          waiting.cleanup?.()
          waiting.reject(broken)
        }
        settleReady()
      }
      if (!closed && !broken) {
        slots.push(start())
        dispatch()
      }
    })
    return slot
  }

  /** Stops giving `slot` work and replaces its worker (its exit handler starts the new one). */
  function retire(slot: Slot): void {
    slot.retiring = true
    void slot.worker.terminate()
  }

  function run(slot: Slot, task: Task): void {
    slot.task = task
    task.slot = slot
    const { signal: _signal, loadObject: _callerBound, reserve, ...job } = task.job
    const { bytes: source, transfer } = transferable(job.source)
    task.sent = { view: job.source, bufferBytes: transfer[0]?.byteLength, viewLength: source.byteLength }
    slot.worker.postMessage({ type: 'job', id: task.id, job: { ...job, source, ...(reserve ? { reserves: true as const } : {}) } } satisfies ToWorker, transfer)
  }

  /** Job `id` on `slot` asks for its memory: its own `reserve` answers (the server's budget). */
  function answerReservation(slot: Slot, id: number, bytes: number): void {
    const post = (message: ToWorker) => slot.worker.postMessage(message)
    const task = slot.task
    const reserve = task && task.id === id ? task.job.reserve : undefined
    if (!reserve) return post({ type: 'reserved', id, granted: false, error: toWire(new ImgError('InternalError', 'The job asking for memory has ended.')) })
    // a caller's reserve that throws at once still gets its answer posted
    Promise.resolve(bytes).then(reserve).then(
      (granted) => post({ type: 'reserved', id, granted }),
      (error) => post({ type: 'reserved', id, granted: false, error: toWire(error) }),
    )
  }

  /**
   * A task's signal aborted: a waiting task leaves the queue; a running one is told to stop, and
   * its worker is replaced if it has not answered within `abortGraceMs`.
   */
  function abortTask(task: Task, reason: unknown): void {
    const slot = task.slot
    if (!slot) {
      const at = queue.indexOf(task)
      if (at === -1) return
      queue.splice(at, 1)
      task.reject(reason)
      return
    }
    if (slot.task !== task) return
    slot.worker.postMessage({ type: 'abort', id: task.id } satisfies ToWorker)
    task.graceTimer = setTimeout(() => {
      if (slot.task !== task) return
      slot.task = undefined
      task.reject(reason)
      retire(slot)
    }, abortGraceMs)
  }

  function dispatch(): void {
    for (const slot of slots) {
      if (queue.length === 0) return
      if (slot.task || slot.retiring) continue
      run(slot, queue.shift()!)
    }
  }

  for (let i = 0; i < size; i++) slots.push(start())

  const estimate = options.estimate
  return {
    ...(estimate ? { estimate } : {}),
    size,
    get waiting() {
      return queue.length
    },
    ready() {
      return new Promise<void>((resolve, reject) => {
        readyWaiters.push({ resolve, reject })
        settleReady()
      })
    },
    process(job) {
      if (closed) return Promise.reject(new ImgError('InternalError', 'The worker pool is closed.'))
      if (broken) return Promise.reject(broken)
      job.signal?.throwIfAborted()
      return new Promise<ProcessOutput>((resolve, reject) => {
        const task: Task = { id: ++nextId, job, resolve, reject }
        const signal = job.signal
        if (signal) {
          // one listener for the task's whole life, queued and running
          const onAbort = () => abortTask(task, signal.reason)
          signal.addEventListener('abort', onAbort, { once: true })
          task.cleanup = () => {
            signal.removeEventListener('abort', onAbort)
            if (task.graceTimer) clearTimeout(task.graceTimer)
          }
        }
        queue.push(task)
        dispatch()
      })
    },
    async close() {
      closed = true
      for (const task of queue.splice(0)) {
        task.cleanup?.()
        task.reject(new ImgError('InternalError', 'The worker pool is closed.'))
      }
      await Promise.all(slots.map((slot) => slot.worker.terminate()))
    },
  }
}
