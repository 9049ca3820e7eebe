/**
 * What a worker asks of the main thread while it works, answered there: a codec's WebAssembly
 * (compiled once, node-wasm-modules.ts), an object a job reads (through that job's own
 * caller-bound `loadObject`: the worker has no storage and no rights of its own), and the memory a
 * job planned (through that job's own `reserve`: the server's budget). A job is found by its id,
 * and only while it runs on the asking worker: a late ask of a job that has ended is refused.
 */
import { ImgError } from '@imgproc/types'
import type { ProcessJob } from '../processor.js'
import { toWire, type FromWorker, type ToWorker } from './node-worker-protocol.js'
import { compiledWasm, isWasmFile } from './node-wasm-modules.js'

type Ask = Extract<FromWorker, { type: 'wasm' | 'load' | 'reserve' }>

export function isAsk(message: FromWorker): message is Ask {
  return message.type === 'wasm' || message.type === 'load' || message.type === 'reserve'
}

/** Answers `ask` through `post`; `running(id)` is the job with that id running on the asking worker. */
export function answerAsk(ask: Ask, post: (message: ToWorker, transfer?: ArrayBuffer[]) => void, running: (id: number) => Pick<ProcessJob, 'loadObject' | 'reserve'> | undefined): void {
  if (ask.type === 'wasm') {
    const module = isWasmFile(ask.file) ? compiledWasm(ask.file) : Promise.reject(new ImgError('CodecUnavailable', `${ask.file} is not a codec file.`))
    module.then(
      (compiled) => post({ type: 'wasm', file: ask.file, module: compiled }),
      (error) => post({ type: 'wasm', file: ask.file, error: toWire(error) }),
    )
    return
  }
  const job = running(ask.id)
  if (ask.type === 'load') {
    const load = job ? job.loadObject(ask.key, ask.bucket) : Promise.reject(new ImgError('AccessDenied', 'The job reading this object has ended.'))
    load.then(
      (bytes) => {
        const copy = bytes === null ? null : bytes.slice()
        post({ type: 'loaded', loadId: ask.loadId, bytes: copy }, copy ? [copy.buffer as ArrayBuffer] : [])
      },
      (error) => post({ type: 'loaded', loadId: ask.loadId, bytes: null, error: toWire(error) }),
    )
    return
  }
  const { id, bytes } = ask
  const reserve = job?.reserve
  if (!reserve) return post({ type: 'reserved', id, granted: false, error: toWire(new ImgError('InternalError', 'The job asking for memory has ended.')) })
  // a caller's reserve that throws at once still gets its answer posted
  Promise.resolve(bytes).then(reserve).then(
    (granted) => post({ type: 'reserved', id, granted }),
    (error) => post({ type: 'reserved', id, granted: false, error: toWire(error) }),
  )
}
