/**
 * The seam between HTTP and pixels. The handler hands an `ImageProcessor` the source bytes, a
 * process string (styles already resolved) and a loader for watermark objects that is already
 * bound to the caller's rights; the processor answers with the encoded output. Two
 * implementations: the engine run in-thread (Workers, Deno, Bun, tests) and, on Node, a pool of
 * worker threads (`serve/node-worker-pool.ts`) so image work never runs on the event loop.
 *
 * A processor has no storage of its own: every object it reads comes through `job.loadObject`,
 * which `object-access.ts` builds with the same ACL check as a GET of that object. A future
 * action that reads objects can only read through it.
 */
import type { ParsedProcess } from '@imgproc/grammar'
import type { ObjectFile } from '@imgproc/types'

/**
 * Reads a watermark object for the engine: OSS names a key in the source's bucket, OBS may name
 * another bucket. Null when it does not exist; AccessDenied when the caller may not read it.
 */
export type LoadObject = (key: string, bucket?: string) => Promise<Uint8Array | null>

export interface ProcessJob {
  /**
   * the stored bytes of the source object. The processor may take them over (the worker pool
   * transfers their buffer to a thread): the caller must not use them after `process`
   */
  source: Uint8Array
  /** `image/...`, as the client wrote it after style resolution, without `|sys/saveas` */
  process: string
  /**
   * `process` as the server's own `parse` (@imgproc/grammar) read it, so the processor does not
   * parse it again (the worker pool sends it to its thread as is). Only ever our parser's output,
   * never a client's: the engine trusts its values. Without it the processor parses `process`.
   */
  parsed?: ParsedProcess
  /** OSS or OBS semantics (info JSON shape, average-hue form, defaults) */
  dialect: 'oss' | 'obs'
  /** reads watermark objects with the caller's rights */
  loadObject: LoadObject
  signal?: AbortSignal
  /**
   * The server's memory budget (image-job.ts): a processor that plans (both of ours) calls it once
   * with the job's planned peak memory, after planning from the headers and before decoding
   * anything, and goes on only when it answers true, so a job is planned once, not once for the
   * budget and again to run. False: the memory is not free now; the processor stops at once and
   * rejects with `ReservationDeferred`, handing the source back, so the job waits for memory
   * without holding a thread. Throws the job's error when it can never fit (ImageTooLarge).
   * Without it nothing is reserved.
   */
  reserve?: (bytes: number) => Promise<boolean>
  /**
   * bytes the budget already holds for this job (the queue's reserve-ahead): `reserve` within them
   * is granted without asking, so a processor in another thread may answer it there, at once
   */
  reserved?: number
}

const DEFERRED = Symbol.for('imgproc.ReservationDeferred')

/**
 * A job's memory was not free when it asked (`ProcessJob.reserve` answered false): not an error a
 * client sees, the signal for the caller to wait for `bytes` and run the job again with `source`,
 * which the processor hands back untouched.
 */
export class ReservationDeferred extends Error {
  /** marks it across copies of this module (a custom factory may load the built package, the server its source) */
  readonly [DEFERRED] = true
  override readonly name = 'ReservationDeferred'

  constructor(
    readonly bytes: number,
    readonly source: Uint8Array,
  ) {
    super(`The job's ${bytes} bytes of memory are not free now.`)
  }

  /** Whether `error` is a deferral, from this copy of the module or another. */
  static is(error: unknown): error is ReservationDeferred {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[DEFERRED] === true
  }
}

export interface ProcessOutput {
  body: Uint8Array
  /** `image/jpeg`, `image/png`, … or `application/json` for info and average-hue */
  contentType: string
  /**
   * the body starts a buffer no one else holds (it came from a worker thread by transfer): whoever
   * keeps it last may free that buffer once done with it (`Reply` bodies marked `owned`)
   */
  ownsBuffer?: true
}

/** A job whose source is a file this process holds open (`ImageProcessor.processFile`). */
export type FileJob = Omit<ProcessJob, 'source'> & { file: ObjectFile }

export interface ImageProcessor {
  process(job: ProcessJob): Promise<ProcessOutput>
  /**
   * Optional (the Node worker pool): `process` for a source that is a file this process holds open
   * (the filesystem adapter's, `OpenedObject.takeFile`), read by the thread that runs the job, so
   * its bytes are read once, into that thread, and cross no thread. The file is the processor's
   * from the call on, rejected calls included: it closes it once nothing reads it any more. A
   * deferral's `ReservationDeferred.source` holds the bytes it read.
   */
  processFile?(job: FileJob): Promise<ProcessOutput>
  /**
   * For a processor that does not call `job.reserve` itself: the most memory the job may take at
   * its peak, which the server then reserves before `process`. Ours have none (they plan once and
   * reserve from within the job); a worker pool with a custom factory takes an `estimate` option.
   * A processor with neither is charged only what the queue holds for every job ahead
   * (`reserveAheadBytes`).
   */
  estimate?(job: ProcessJob): Promise<number>
  /** frees threads or WASM memory; optional */
  close?(): Promise<void>
}

/** A loader for processors that serve no storage (CLI, playground uploads): every object is missing. */
export const noObjects: LoadObject = async () => null
