/**
 * A stand-in processor for the worker-pool tests: it does no image work, so the tests exercise
 * the pool itself (threads, transfers, errors, aborts, object loading).
 */
import { threadId } from 'node:worker_threads'
import { ImgError } from '@imgproc/types'
import { ReservationDeferred, type ImageProcessor } from '../processor.js'

const grown: WebAssembly.Memory[] = []
const ALIASES: Record<string, string> = { 'image/resize,w_2': 'thread', 'image/resize,w_3': 'fail' }

export function createProcessor(options: { label?: string }): ImageProcessor {
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
      // holds 64 MiB of WebAssembly memory from now on, as a decoder that met a large image would
      if (job.process === 'grow') grown.push(new WebAssembly.Memory({ initial: 1024 }))
      if (job.process === 'thread' || job.process === 'grow') return { body: new TextEncoder().encode(`${options.label}:${threadId}`), contentType: 'text/plain' }
      if (job.process.startsWith('load/')) {
        const bytes = await job.loadObject(job.process.slice('load/'.length))
        return { body: bytes ?? new Uint8Array(0), contentType: bytes ? 'application/octet-stream' : 'text/missing' }
      }
      // plans <n> bytes and asks for them, as the engine does before it decodes
      if (job.process.startsWith('reserve/')) {
        const bytes = Number(job.process.slice('reserve/'.length))
        if (job.reserve && !(await job.reserve(bytes))) throw new ReservationDeferred(bytes, job.source)
      }
      // answers with the source's own bytes, as an engine with nothing to change might
      if (job.process === 'echo') return { body: job.source, contentType: 'application/octet-stream' }
      return { body: job.source.map((byte) => 255 - byte), contentType: 'image/x-inverted' }
    },
  }
}
