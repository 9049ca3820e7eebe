/**
 * The one way image work runs on behalf of a request, for processed GETs, saveas and the
 * playground alike: in the bounded queue, with the source read once a slot is free, the job's
 * planned peak memory reserved from the server's budget before anything is decoded, the request's
 * deadline as its signal, and watermark objects read through the caller-bound loader only.
 *
 * The processor plans the job and asks for its memory from within (`ProcessJob.reserve`), so the
 * plan it runs is the one it reserved for, made once. When the memory is not free the processor
 * stops before decoding and hands the source back (`ReservationDeferred`); the job then waits for
 * the memory here, its queue slot given to jobs that fit meanwhile and no worker thread held, and
 * runs again with the memory already reserved (the only case that plans twice).
 *
 * A processor that reads files (`processFile`: the Node worker pool) gets the source as the file
 * the storage adapter opened to decide the ACL (`openSource`), and its worker thread reads the
 * bytes: they are read once, where they are decoded, and no thread-pool read, byte copy or
 * transfer is made for them on the main thread (which is what bounds how a server scales with its
 * workers). Other processors, and other adapters, get the bytes (`readSource`).
 */
import type { ParsedProcess } from '@imgproc/grammar'
import { ImgError, type ObjectFile } from '@imgproc/types'
import { ReservationDeferred, type ImageProcessor, type LoadObject, type ProcessOutput } from './processor.js'
import type { Admission, WorkQueue } from './work-queue.js'

export interface ImageJobParts {
  queue: WorkQueue
  processor: ImageProcessor | undefined
  /** the request's signal (client gone or deadline passed) */
  signal: AbortSignal
}

export interface ImageJobInput {
  /** reads the source bytes; called inside the queue slot */
  readSource: () => Promise<Uint8Array>
  /**
   * the source as a file held open, for a processor that reads files itself (`processFile`);
   * undefined when it is not one (then `readSource`). Called inside the queue slot, instead of
   * `readSource`, under the same checks.
   */
  openSource?: () => Promise<ObjectFile | undefined>
  process: string
  /** `process` as the route parsed it: handed on so the processor does not parse it again */
  parsed?: ParsedProcess
  dialect: 'oss' | 'obs'
  /** bound to the caller's rights (object-access.ts) */
  loadObject: LoadObject
}

function changedWhileWaiting(): ImgError {
  return new ImgError('SlowDown', 'The image needs more memory than when it started to wait for it; please retry.', { retryAfterSeconds: 1 })
}

export function runImageJob(parts: ImageJobParts, input: ImageJobInput, admission?: Admission): Promise<ProcessOutput> {
  const { queue, processor, signal } = parts
  if (processor === undefined) return Promise.reject(new ImgError('NotImplemented', 'This server has no image engine configured.'))
  return queue.run(async (slot) => {
    const work = { process: input.process, ...(input.parsed ? { parsed: input.parsed } : {}), dialect: input.dialect, loadObject: input.loadObject, signal }
    // async, so that the budget's refusal (ImageTooLarge) reaches the processor as a rejection;
    // a job whose request has ended gets no memory
    const reserve = async (bytes: number) => (signal.throwIfAborted(), slot.tryReserve(bytes))
    const ahead = slot.held > 0 ? { reserved: slot.held } : {}
    // a processor that estimates needs the bytes first; one that reads files takes the file
    const file = processor.processFile && !processor.estimate && input.openSource ? await input.openSource() : undefined
    let first: Promise<ProcessOutput>
    if (file) {
      try {
        first = processor.processFile!({ ...work, file, reserve, ...ahead })
      } catch (error) {
        // the file is the processor's once it returns; one that throws instead has not taken it
        file.close()
        throw error
      }
    } else {
      const source = await input.readSource()
      signal.throwIfAborted()
      if (processor.estimate) {
        await slot.reserve(await processor.estimate({ ...work, source }))
        return processor.process({ ...work, source })
      }
      first = processor.process({ ...work, source, reserve, ...ahead })
    }
    try {
      return await first
    } catch (error) {
      if (!ReservationDeferred.is(error)) throw error
      await slot.reserve(error.bytes)
      // what the job holds now: what it asked for, or more when that was within its reserve-ahead
      const held = slot.held
      // planned again (its watermarks read again): a plan that now needs more than is held does not run
      return processor.process({ ...work, source: error.source, reserve: async (bytes) => (bytes <= held ? true : Promise.reject(changedWhileWaiting())) })
    }
  }, signal, admission)
}
