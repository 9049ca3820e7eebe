/**
 * The messages between the worker pool (main thread) and a worker (`node-worker.ts`).
 * Errors cross the thread boundary as plain data and are rebuilt as `ImgError` on arrival.
 */
import { adoptReturnedBytes, ImgError, ownsWholeBuffer, type ErrorCode, type ErrorDetail, type ObjectFile } from '@imgproc/types'
import { logText } from '../log-text.js'
import type { ProcessJob } from '../processor.js'

/**
 * A job as it crosses to the worker: functions stay behind (the worker asks for objects by job id);
 * the parsed process crosses as the main thread's parser left it, so the worker does not parse.
 */
export type WireJob = Omit<ProcessJob, 'signal' | 'loadObject' | 'reserve' | 'source'> & {
  /** the job has a `reserve`: the worker asks for its memory by job id ('reserve'), and waits for the answer */
  reserves?: true
  /** bytes already held for it (`ProcessJob.reserved`): a reservation within them the worker grants itself */
  reserved?: number
} & (
    | { source: Uint8Array; file?: undefined }
    /** the source as a range of a file the process holds open (`ObjectFile`), which the worker reads itself */
    | { file: { fd: number; start: number; length: number }; source?: undefined }
  )

export type ToWorker =
  | { type: 'job'; id: number; job: WireJob }
  | { type: 'abort'; id: number }
  /** the answer to 'reserve': granted, not free now, or the job's error (it can never fit) */
  | { type: 'reserved'; id: number; granted: boolean; error?: WireError }
  | { type: 'loaded'; loadId: number; bytes: Uint8Array | null; error?: WireError }
  /** a codec's WebAssembly, compiled once on the main thread (node-wasm-modules.ts), or why not */
  | { type: 'wasm'; file: string; module?: WebAssembly.Module; error?: WireError }

export type FromWorker =
  | { type: 'ready' }
  /**
   * `source`: the job's source buffer handed back (transferred) for the main thread's byte pool,
   * unless the answer itself moves in that buffer
   */
  | { type: 'done'; id: number; body: Uint8Array; contentType: string; memoryBytes: number; source?: ArrayBuffer }
  | { type: 'failed'; id: number; error: WireError; memoryBytes: number }
  /** job `id`, planned, asks for its planned peak memory before it decodes */
  | { type: 'reserve'; id: number; bytes: number }
  /**
   * job `id` stopped before decoding: its memory was not free (ReservationDeferred). `source`: its
   * source buffer handed back (transferred); absent when the source is shared memory
   */
  | { type: 'deferred'; id: number; bytes: number; memoryBytes: number; source?: ArrayBuffer }
  /** an object for job `id`, read by the main thread through that job's caller-bound loader */
  | { type: 'load'; id: number; loadId: number; key: string; bucket?: string }
  /** the worker's codecs need this WebAssembly file */
  | { type: 'wasm'; file: string }

export interface WireError {
  code: ErrorCode
  message: string
  detail: ErrorDetail
}

export interface WorkerSetup {
  /** a module exporting `createProcessor(options)`; default: the engine (`../engine-processor.ts`). Jobs bring their own `loadObject`. */
  factoryUrl?: string
  /** passed to `createProcessor` as is (must be structured-cloneable) */
  factoryOptions?: Record<string, unknown>
}

export function toWire(thrown: unknown): WireError {
  if (thrown instanceof ImgError) return { code: thrown.code, message: thrown.message, detail: thrown.detail }
  // the text of an unexpected error stays in the worker's log, never in a reply
  console.error(`[imgproc worker] ${logText(thrown)}`)
  return { code: 'InternalError', message: new ImgError('InternalError').message, detail: {} }
}

export function fromWire(wire: WireError): ImgError {
  return new ImgError(wire.code, wire.message, wire.detail)
}

/**
 * What to post for `bytes`, and the transfer list: a buffer of its own moves to the other thread
 * without a copy (and is gone from this one), and so does a byte-pool buffer whose holder has the
 * view from its start (`ownsWholeBuffer`: the rest of it is zero or the holder's own); any other
 * view into a larger buffer (Node's pooled small Buffers, a slice of something kept) is copied
 * first, so the transfer neither moves nor detaches bytes that are not the message's; a
 * SharedArrayBuffer is shared as it is.
 */
export function transferable(bytes: Uint8Array): { bytes: Uint8Array; transfer: ArrayBuffer[] } {
  if (typeof SharedArrayBuffer !== 'undefined' && bytes.buffer instanceof SharedArrayBuffer) return { bytes, transfer: [] }
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
  const own = whole || ownsWholeBuffer(bytes) ? bytes : bytes.slice()
  return { bytes: own, transfer: [own.buffer as ArrayBuffer] }
}

/** A job as the pool holds it: its source's bytes, or none when a file stands for them. */
export type PoolJob = Omit<ProcessJob, 'source'> & { source?: Uint8Array }

/**
 * What to post for `job` (functions stay behind: the worker asks by job id) and the transfer
 * list: the source's bytes moved (`transferable`), or for a `file` only its descriptor and range,
 * which the worker reads; and what a returned source is checked against (`returnedSource`).
 */
export function wireJob(job: PoolJob, file?: Pick<ObjectFile, 'fd' | 'start' | 'length'>): { job: WireJob; transfer: ArrayBuffer[]; sent: SentSource } {
  const { signal: _signal, loadObject: _callerBound, reserve, reserved, source: view, ...rest } = job
  const reserves = reserve ? { reserves: true as const, ...(reserved ? { reserved } : {}) } : {}
  if (file) return { job: { ...rest, file: { fd: file.fd, start: file.start, length: file.length }, ...reserves }, transfer: [], sent: { viewLength: file.length } }
  if (!view) throw new ImgError('InternalError', 'An image job came without a source.')
  const { bytes: source, transfer } = transferable(view)
  return { job: { ...rest, source, ...reserves }, transfer, sent: { view, bufferBytes: transfer[0]?.byteLength, viewLength: source.byteLength } }
}

/** A job's source as it was sent (`transferable`), or as a file the worker read: what comes back is checked against it. */
export interface SentSource {
  /** the sender's view: detached when its buffer was transferred, intact when it was shared; none for a file */
  view?: Uint8Array
  /** the byte length of the buffer transferred with it (none when shared or a file) */
  bufferBytes?: number
  viewLength: number
}

/**
 * The source a deferred job's worker handed back, to run the job again: the very buffer that left
 * (it moves whole again on the rerun, not copied), the buffer the worker read a file into (at
 * least the file's length), or the sender's own view when it was shared. Undefined when it came
 * back neither way.
 */
export function returnedSource(sent: SentSource, buffer: ArrayBuffer | undefined): Uint8Array | undefined {
  const fits = buffer && (sent.view ? buffer.byteLength === sent.bufferBytes : buffer.byteLength >= sent.viewLength)
  if (buffer && fits) {
    adoptReturnedBytes(buffer)
    return new Uint8Array(buffer, 0, sent.viewLength)
  }
  return sent.view && sent.view.byteLength === sent.viewLength ? sent.view : undefined
}
