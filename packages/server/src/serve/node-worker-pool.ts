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
 * - Or the worker reads the source itself (`processFile`): a file the storage adapter holds open
 *   (its descriptor and range, never a path, cross to the worker), closed by the pool when the
 *   job has ended and, for a job given up on, only once its worker has exited, since a closed
 *   descriptor's number is reused by the next open. A result arrives as a buffer of its own
 *   (`ownsBuffer`).
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
import { ImgError, recycleBytes, type ObjectFile } from '@imgproc/types'
import { ReservationDeferred, type ImageProcessor, type ProcessJob, type ProcessOutput } from '../processor.js'
import { fromWire, returnedSource, wireJob, type FromWorker, type PoolJob, type SentSource, type ToWorker, type WorkerSetup } from './node-worker-protocol.js'
import { answerAsk, isAsk } from './node-worker-asks.js'
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
   * jobs are charged only the queue's reserve-ahead
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
  job: PoolJob
  /** the source as a file held open, which the worker reads (`processFile`); closed when the task ends */
  file?: ObjectFile
  resolve: (output: ProcessOutput) => void
  reject: (error: unknown) => void
  /** takes the abort listener off, stops the grace timer and closes the file (the task has ended) */
  cleanup: () => void
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
  /** the file of a task given up on while its worker may still read it: closed once the worker has exited */
  abandonedFile?: ObjectFile
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
      if (isAsk(message)) return answerAsk(message, post, (id) => (slot.task?.id === id ? slot.task.job : undefined))
      if (message.type === 'ready') {
        slot.ready = true
        failedStarts = 0
        settleReady()
        return
      }
      const task = slot.task
      if (!task || task.id !== message.id) return
      slot.task = undefined
      task.cleanup()
      // a buffer that arrived by transfer is this thread's alone: the byte pool may keep it
      if (message.type === 'done' && message.source && message.source.byteLength === task.sent?.bufferBytes) recycleBytes(message.source)
      // a body that arrived by transfer starts a buffer this thread alone holds (not shared memory)
      if (message.type === 'done') task.resolve({ body: message.body, contentType: message.contentType, ...(message.body.byteOffset === 0 && message.body.buffer instanceof ArrayBuffer ? { ownsBuffer: true as const } : {}) })
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
      slot.abandonedFile?.close()
      const task = slot.task
      slot.task = undefined
      if (task) {
        task.cleanup()
        task.reject(new ImgError('InternalError', 'The image worker stopped while processing.'))
      }
      if (!slot.ready && !slot.retiring) failedStarts++
      if (failedStarts >= 3 && !broken) {
        broken = new ImgError('InternalError', 'The image workers cannot start; see the server log.')
        for (const waiting of queue.splice(0)) {
          waiting.cleanup()
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
    try {
      const wire = wireJob(task.job, task.file)
      task.sent = wire.sent
      slot.worker.postMessage({ type: 'job', id: task.id, job: wire.job } satisfies ToWorker, wire.transfer)
    } catch (error) {
      // not sent (a job field that cannot be cloned): the slot stays free, the file is closed
      slot.task = undefined
      task.cleanup()
      task.reject(error)
    }
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
      task.cleanup()
      task.reject(reason)
      return
    }
    if (slot.task !== task) return
    slot.worker.postMessage({ type: 'abort', id: task.id } satisfies ToWorker)
    task.graceTimer = setTimeout(() => {
      if (slot.task !== task) return
      slot.task = undefined
      // the worker may still be reading the file: it is closed once the worker has exited
      slot.abandonedFile = task.file
      task.file = undefined
      task.cleanup()
      task.reject(reason)
      retire(slot)
    }, abortGraceMs)
  }

  function dispatch(): void {
    for (const slot of slots) {
      // a task that could not be sent leaves its slot free for the next one
      while (queue.length > 0 && !slot.task && !slot.retiring) run(slot, queue.shift()!)
    }
  }

  /** Queues a job (its source bytes, or `file`, which is the pool's to close from now on). */
  function submit(job: Task['job'], file?: ObjectFile): Promise<ProcessOutput> {
    const signal = job.signal
    const refused = closed ? new ImgError('InternalError', 'The worker pool is closed.') : (broken ?? (signal?.aborted ? signal.reason : undefined))
    if (refused !== undefined) {
      file?.close()
      return Promise.reject(refused)
    }
    return new Promise<ProcessOutput>((resolve, reject) => {
      // one abort listener for the task's whole life, queued and running
      const onAbort = () => abortTask(task, signal!.reason)
      const task: Task = {
        id: ++nextId,
        job,
        ...(file ? { file } : {}),
        resolve,
        reject,
        cleanup: () => {
          signal?.removeEventListener('abort', onAbort)
          if (task.graceTimer) clearTimeout(task.graceTimer)
          task.file?.close()
        },
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      queue.push(task)
      dispatch()
    })
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
    process: (job) => submit(job),
    processFile: ({ file, ...job }) => submit(job, file),
    async close() {
      closed = true
      for (const task of queue.splice(0)) {
        task.cleanup()
        task.reject(new ImgError('InternalError', 'The worker pool is closed.'))
      }
      await Promise.all(slots.map((slot) => slot.worker.terminate()))
    },
  }
}
