/**
 * The messages between the worker pool (main thread) and a worker (`node-worker.ts`).
 * Errors cross the thread boundary as plain data and are rebuilt as `ImgError` on arrival.
 */
import { ImgError, type ErrorCode, type ErrorDetail } from '@imgproc/types'
import { logText } from '../log-text.js'
import type { ProcessJob } from '../processor.js'

/** A job as it crosses to the worker: functions stay behind (the worker asks for objects by job id). */
export type WireJob = Omit<ProcessJob, 'signal' | 'loadObject'>

export type ToWorker =
  | { type: 'job'; id: number; job: WireJob }
  | { type: 'abort'; id: number }
  | { type: 'loaded'; loadId: number; bytes: Uint8Array | null; error?: WireError }

export type FromWorker =
  | { type: 'ready' }
  | { type: 'done'; id: number; body: Uint8Array; contentType: string; memoryBytes: number }
  | { type: 'failed'; id: number; error: WireError; memoryBytes: number }
  /** an object for job `id`, read by the main thread through that job's caller-bound loader */
  | { type: 'load'; id: number; loadId: number; key: string; bucket?: string }

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
