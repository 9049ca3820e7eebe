/**
 * Image work on an uploaded body, for pages mounted under `/-/` (the playground): the same guards
 * as a processed GET. The request is authenticated (unsigned means anonymous), the process string
 * is parsed before anything is read, a full queue refuses it before the body is read, the body is
 * counted as it arrives, cut off at the limit and at the deadline, and read before the job takes
 * a place in the queue (a stalled upload holds no one up; how many are received at once is
 * bounded); then the work runs in the shared queue with the memory budget and the deadline. Watermarks are read with the caller's rights: an upload has no
 * bucket, so only OBS `image_` names (`bucket/key`) can be read, and only those the caller may GET.
 */
import { parse } from '@imgproc/grammar'
import { ImgError, type StorageAdapter } from '@imgproc/types'
import type { Authenticate } from './auth/index.js'
import { readBody } from './body.js'
import { runImageJob } from './image-job.js'
import type { ServerLimits } from './limits.js'
import { createObjectAccess } from './object-access.js'
import type { ImageProcessor, ProcessOutput } from './processor.js'
import type { WorkQueue } from './work-queue.js'

export interface UploadJob {
  process: string
  dialect: 'oss' | 'obs'
  /** the largest body accepted; at most the server's source limit */
  maxBytes?: number
  /**
   * The image itself when the server already holds it (the playground's demo, asked for with a
   * GET): no body is read; every other guard is the same. Never handed over: the job gets a copy,
   * made once it has its place in the queue (the worker pool takes over what it is given).
   */
  source?: Uint8Array
}

export type UploadWork = (req: Request, job: UploadJob) => Promise<ProcessOutput>

export interface UploadWorkParts {
  storage: StorageAdapter
  auth: Authenticate
  queue: WorkQueue
  /** aborts when the server stops (Handler.abortInFlight) */
  stopping: AbortSignal
  limits: ServerLimits
  processor: ImageProcessor | undefined
}

/**
 * Bodies received at once, per worker slot: an upload is read before it takes a place in the
 * queue (so a stalled one never holds image work up), and this bounds the memory they can hold.
 */
const UPLOADS_PER_SLOT = 2

export function createUploadWork(parts: UploadWorkParts): UploadWork {
  const { limits } = parts
  const maxReceiving = UPLOADS_PER_SLOT * limits.concurrency
  let receiving = 0
  const receive = async (req: Request, job: UploadJob, signal: AbortSignal): Promise<Uint8Array> => {
    if (receiving >= maxReceiving) throw new ImgError('SlowDown', 'Too many uploads are being received; try again shortly.', { retryAfterSeconds: 1 })
    const maxBytes = Math.min(job.maxBytes ?? limits.maxSourceBytes, limits.maxSourceBytes)
    receiving++
    try {
      return await readBody(req, maxBytes, signal)
    } catch (error) {
      if (signal.aborted && !req.signal.aborted && !parts.stopping.aborted) throw new ImgError('RequestTimeout', `The upload took longer than ${limits.deadlineMs} ms.`, { cause: error })
      throw error
    } finally {
      receiving--
    }
  }
  return async (req, job) => {
    const parsed = parse(job.process, { dialect: job.dialect, maxLength: limits.maxProcessLength })
    if (parsed.chain.kind !== 'image' || parsed.saveAs) {
      throw new ImgError('InvalidArgument', 'An uploaded image takes an image/... process (styles and saveas need a bucket).', { argument: 'process' })
    }
    const caller = await parts.auth(req, {})
    const signal = AbortSignal.any([req.signal, AbortSignal.timeout(limits.deadlineMs), parts.stopping])
    parts.queue.admit().release() // a full queue refuses before the body is read
    // a held source is under the same limit as a body (which receive() counts as it arrives)
    if (job.source && job.source.byteLength > limits.maxSourceBytes) throw new ImgError('EntityTooLarge', `The image is larger than ${limits.maxSourceBytes} bytes.`)
    const source = job.source ?? (await receive(req, job, signal))
    if (source.byteLength === 0) throw new ImgError('MissingArgument', 'The request body must be the image.')
    const admission = parts.queue.admit()
    const access = createObjectAccess({ storage: parts.storage, caller, signal, maxReadBytes: limits.maxSourceBytes })
    try {
      return await runImageJob({ queue: parts.queue, processor: parts.processor, signal }, {
        readSource: async () => (job.source ? source.slice() : source),
        process: job.process,
        parsed,
        dialect: job.dialect,
        loadObject: access.loader(),
      }, admission)
    } catch (error) {
      if (signal.aborted && !req.signal.aborted && !parts.stopping.aborted) throw new ImgError('RequestTimeout', `The request took longer than ${limits.deadlineMs} ms.`, { cause: error })
      throw error
    } finally {
      admission.release()
      access.release()
    }
  }
}
