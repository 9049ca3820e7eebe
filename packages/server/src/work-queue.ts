/**
 * A bounded work queue: at most `concurrency` jobs run at once, at most `maxQueued` wait; one
 * more is refused with 503 `SlowDown` right away, so memory stays bounded under any load (a
 * waiting job holds only its request, never image bytes: sources are read once a slot is free).
 * A waiting job whose signal aborts (deadline, client gone) leaves the queue.
 */
import { ImgError } from '@imgproc/types'

export interface WorkQueue {
  run<T>(job: () => Promise<T>, signal?: AbortSignal): Promise<T>
  /** jobs waiting for a slot */
  readonly depth: number
  /** jobs running */
  readonly active: number
}

export interface WorkQueueOptions {
  concurrency: number
  maxQueued: number
  /** called with the new depth whenever it changes (the queue-depth gauge) */
  onDepth?: (depth: number) => void
}

export function createWorkQueue(options: WorkQueueOptions): WorkQueue {
  const waiting: Array<() => void> = []
  let active = 0
  const report = () => options.onDepth?.(waiting.length)

  function release(): void {
    active--
    const next = waiting.shift()
    if (next) {
      report()
      next()
    }
  }

  async function acquire(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted()
    if (active < options.concurrency) {
      active++
      return
    }
    if (waiting.length >= options.maxQueued) {
      throw new ImgError('SlowDown', 'Please reduce your request rate: the image work queue is full.')
    }
    await new Promise<void>((resolve, reject) => {
      const wake = () => {
        signal?.removeEventListener('abort', onAbort)
        active++
        resolve()
      }
      const onAbort = () => {
        const at = waiting.indexOf(wake)
        if (at !== -1) waiting.splice(at, 1)
        report()
        reject(signal?.reason)
      }
      waiting.push(wake)
      report()
      signal?.addEventListener('abort', onAbort, { once: true })
    })
  }

  return {
    async run(job, signal) {
      await acquire(signal)
      try {
        return await job()
      } finally {
        release()
      }
    },
    get depth() {
      return waiting.length
    },
    get active() {
      return active
    },
  }
}
