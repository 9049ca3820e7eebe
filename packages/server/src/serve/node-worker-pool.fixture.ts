/**
 * A stand-in processor for the worker-pool tests: it does no image work, so the tests exercise
 * the pool itself (threads, transfers, errors, aborts, object loading).
 */
import { threadId } from 'node:worker_threads'
import { ImgError } from '@imgproc/types'
import type { ImageProcessor, LoadObject } from '../processor.js'

const ALIASES: Record<string, string> = { 'image/resize,w_2': 'thread', 'image/resize,w_3': 'fail' }

export function createProcessor(options: { loadObject: LoadObject; label?: string }): ImageProcessor {
  return {
    async process(job) {
      // through the HTTP handler the strings must be valid process strings: these stand in
      job = { ...job, process: ALIASES[job.process] ?? job.process }
      if (job.process === 'fail') throw new ImgError('InvalidArgument', 'The value: x of parameter: w is invalid.', { argument: 'w', value: 'x' })
      if (job.process === 'crash') throw new Error('an internal detail')
      if (job.process === 'spin') {
        const end = Date.now() + 10_000
        while (Date.now() < end) {
          // a decode that never yields
        }
      }
      if (job.process === 'thread') return { body: new TextEncoder().encode(`${options.label}:${threadId}`), contentType: 'text/plain' }
      if (job.process.startsWith('load/')) {
        const bytes = await options.loadObject(job.bucket, job.process.slice('load/'.length))
        return { body: bytes ?? new Uint8Array(0), contentType: bytes ? 'application/octet-stream' : 'text/missing' }
      }
      return { body: job.source.map((byte) => 255 - byte), contentType: 'image/x-inverted' }
    },
  }
}
