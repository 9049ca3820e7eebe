/**
 * The messages between the worker pool (main thread) and a worker (`node-worker.ts`).
 * Errors cross the thread boundary as plain data and are rebuilt as `ImgError` on arrival.
 */
import { ImgError, type ErrorCode, type ErrorDetail } from '@imgproc/types'
import type { ProcessJob } from '../processor.js'

export type ToWorker =
  | { type: 'job'; id: number; job: Omit<ProcessJob, 'signal'> }
  | { type: 'abort'; id: number }
  | { type: 'loaded'; loadId: number; bytes: Uint8Array | null; error?: WireError }

export type FromWorker =
  | { type: 'ready' }
  | { type: 'done'; id: number; body: Uint8Array; contentType: string }
  | { type: 'failed'; id: number; error: WireError }
  | { type: 'load'; loadId: number; bucket: string; key: string }

export interface WireError {
  code: ErrorCode
  message: string
  detail: ErrorDetail
}

export interface WorkerSetup {
  /** a module exporting `createProcessor(options)`; default: the engine (`../engine-processor.ts`) */
  factoryUrl?: string
  /** passed to `createProcessor` as is (must be structured-cloneable) */
  factoryOptions?: Record<string, unknown>
}

export function toWire(thrown: unknown): WireError {
  if (thrown instanceof ImgError) return { code: thrown.code, message: thrown.message, detail: thrown.detail }
  // the text of an unexpected error stays in the worker's log, never in a reply
  console.error('[imgproc worker]', thrown)
  return { code: 'InternalError', message: new ImgError('InternalError').message, detail: {} }
}

export function fromWire(wire: WireError): ImgError {
  return new ImgError(wire.code, wire.message, wire.detail)
}
