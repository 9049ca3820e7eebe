/**
 * The worker-thread side of the pool: builds one processor (the engine by default) and runs the
 * jobs the pool sends, one at a time. Objects a job reads (watermarks) are asked of the main
 * thread by job id, which answers through that job's own caller-bound loader: the worker has no
 * storage and no rights of its own. After each job the worker reports how much memory outside
 * the JS heap (WebAssembly memories, which never shrink) it holds, so the pool can replace it.
 * A source sent as an open file's range is read here (`readSourceFile`), into a buffer this
 * thread keeps for the next one.
 *
 * Kept warm: the codecs' WebAssembly comes compiled from the main thread (node-wasm-modules.ts),
 * and the default engine runs one tiny JPEG thumbnail before the worker says it is ready, so the
 * first request pays neither compiling nor instantiating the JPEG codec.
 */
import { readSync } from 'node:fs'
import { getHeapStatistics } from 'node:v8'
import { parentPort, workerData } from 'node:worker_threads'
import { encode, setWasmLoader } from '@imgproc/codecs'
import { ImgError, pooledCapacity } from '@imgproc/types'
import { noObjects, ReservationDeferred, type ImageProcessor, type LoadObject } from '../processor.js'
import { withSystemFonts } from './node-fonts.js'
import { initNodeRuntime } from './node-runtime.js'
import { fromWire, toWire, transferable, type FromWorker, type ToWorker, type WireError, type WorkerSetup } from './node-worker-protocol.js'

type Factory = (options: Record<string, unknown>) => ImageProcessor | Promise<ImageProcessor>

const port = parentPort!
const setup = (workerData ?? {}) as WorkerSetup
const send = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer)

/** A question this thread asked the main thread, by id, until its answer comes. */
interface Pending<T> {
  resolve: (value: T) => void
  reject: (error: unknown) => void
}

/** Settles `pending`'s question `id` with the main thread's answer (its error, or `value`), once. */
function settle<T>(pending: Map<number, Pending<T>>, id: number, error: WireError | undefined, value: T): void {
  const waiter = pending.get(id)
  pending.delete(id)
  if (error) waiter?.reject(fromWire(error))
  else waiter?.resolve(value)
}

let nextLoadId = 0
const loads = new Map<number, Pending<Uint8Array | null>>()
const loaderFor = (id: number): LoadObject => (key, bucket) =>
  new Promise((resolve, reject) => {
    const loadId = ++nextLoadId
    loads.set(loadId, { resolve, reject })
    send({ type: 'load', id, loadId, key, ...(bucket === undefined ? {} : { bucket }) })
  })

/** WebAssembly memories and other off-heap buffers this isolate holds (Node counts them as external). */
function memoryBytes(): number {
  return (getHeapStatistics() as { external_memory?: number }).external_memory ?? 0
}

const reservations = new Map<number, Pending<boolean>>()
/** Job `id`'s memory: granted here within what is held for it already, else asked of the main thread. */
const reserverFor = (id: number, held = 0) => (bytes: number) =>
  bytes <= held
    ? Promise.resolve(true)
    : new Promise<boolean>((resolve, reject) => {
        reservations.set(id, { resolve, reject })
        send({ type: 'reserve', id, bytes })
      })

const wasmWaiters = new Map<string, Array<{ resolve: (module: WebAssembly.Module) => void; reject: (error: unknown) => void }>>()
/** Each codec's WebAssembly, asked of the main thread (the codecs ask once per file, and again only after a failure). */
const wasmFromMainThread = (file: string) =>
  new Promise<WebAssembly.Module>((resolve, reject) => {
    const waiting = wasmWaiters.get(file)
    if (waiting) return void waiting.push({ resolve, reject })
    wasmWaiters.set(file, [{ resolve, reject }])
    send({ type: 'wasm', file })
  })

async function loadFactory(): Promise<Factory> {
  await initNodeRuntime()
  // after initNodeRuntime, which may install a disk loader of its own
  setWasmLoader(wasmFromMainThread)
  if (setup.factoryUrl) return ((await import(setup.factoryUrl)) as { createProcessor: Factory }).createProcessor
  return ((await import('../engine-processor.js')) as { createProcessor: Factory }).createProcessor
}

/**
 * A 64x48 JPEG made smaller: the JPEG codec compiled and instantiated, the resampler's code run.
 * A failure (a codec that cannot load) is logged, not fatal: other formats may still work, and
 * the jobs that need it will report it.
 */
async function warmUp(processor: ImageProcessor): Promise<void> {
  if (setup.factoryUrl) return
  try {
    const width = 64
    const height = 48
    const source = await encode({ width, height, data: new Uint8ClampedArray(width * height * 4).fill(128) }, 'jpeg', { quality: 80 })
    await processor.process({ source, process: 'image/resize,w_16', dialect: 'oss', loadObject: noObjects })
  } catch (error) {
    console.error('[imgproc worker] warm-up failed', error)
  }
}

/**
 * The answer's bytes and transfer list. An answer that starts the job's own source buffer (an
 * empty chain gives the source back as it is) moves with that buffer whole: the source arrived by
 * transfer or was read here, so the buffer is this thread's alone, and past the source's bytes it
 * holds only zeros (the main thread's byte pool clears them, and `readSourceFile`) or nothing.
 */
function answerOf(body: Uint8Array, source: Uint8Array): { bytes: Uint8Array; transfer: ArrayBuffer[] } {
  if (body.buffer === source.buffer && body.byteOffset === 0 && body.buffer instanceof ArrayBuffer) return { bytes: body, transfer: [body.buffer] }
  return transferable(body)
}

/**
 * The job's source buffer, to hand back to the main thread: to its byte pool with the answer, or
 * to run the job again after a deferred reservation. Only once the job has ended without leaving
 * work that may still read it (a success, or a deferral, which stops before decoding; never a
 * failure or an abort), only a buffer this thread holds whole (transferred here, not shared, not
 * detached), and never the buffer the answer itself moves in.
 */
function returnableSource(source: Uint8Array, answer: ArrayBuffer[]): ArrayBuffer | undefined {
  const buffer = source.buffer
  if (!(buffer instanceof ArrayBuffer) || buffer.byteLength === 0 || answer.includes(buffer)) return undefined
  return buffer
}

/** The buffer the last file source was read into, kept here after a job that succeeded without moving it. */
let spareBuffer: ArrayBuffer | undefined

/**
 * A source file's bytes (`WireJob.file`), read here: into the spare buffer when it is of the size
 * class the file needs (its bytes past the file's cleared, so it carries nothing of an earlier
 * object if it moves whole), else into a new one. Reused because a fresh buffer's pages are all
 * faulted in by the read (the byte pool's reason, @imgproc/types). The read is synchronous: this
 * thread has nothing else to do until it has the bytes.
 */
function readSourceFile(file: { fd: number; start: number; length: number }): Uint8Array {
  const capacity = pooledCapacity(file.length)
  let buffer = spareBuffer
  spareBuffer = undefined
  if (buffer?.byteLength === capacity) new Uint8Array(buffer, file.length).fill(0)
  else buffer = new ArrayBuffer(capacity)
  const bytes = new Uint8Array(buffer, 0, file.length)
  for (let filled = 0; filled < file.length; ) {
    const read = readSync(file.fd, bytes, filled, file.length - filled, file.start + filled)
    if (read === 0) throw new ImgError('InternalError', 'The source object file ended before its recorded size.')
    filled += read
  }
  return bytes
}

const processorReady = loadFactory()
  .then((factory) => factory(withSystemFonts(setup.factoryOptions ?? {})))
  .then(async (processor) => {
    await warmUp(processor)
    return processor
  })
const controllers = new Map<number, AbortController>()

port.on('message', async (message: ToWorker) => {
  if (message.type === 'wasm') {
    const waiting = wasmWaiters.get(message.file) ?? []
    wasmWaiters.delete(message.file)
    for (const { resolve, reject } of waiting) {
      if (message.module) resolve(message.module)
      else reject(fromWire(message.error ?? { code: 'CodecUnavailable', message: `${message.file} is not available.`, detail: {} }))
    }
    return
  }
  if (message.type === 'loaded') return settle(loads, message.loadId, message.error, message.bytes)
  if (message.type === 'reserved') return settle(reservations, message.id, message.error, message.granted)
  if (message.type === 'abort') {
    controllers.get(message.id)?.abort(new DOMException('The job was aborted.', 'AbortError'))
    return
  }
  const controller = new AbortController()
  controllers.set(message.id, controller)
  let source: Uint8Array | undefined
  try {
    const { reserves, reserved, file, source: sent, ...job } = message.job
    source = file ? readSourceFile(file) : sent
    const processor = await processorReady
    const output = await processor.process({ ...job, source, loadObject: loaderFor(message.id), signal: controller.signal, ...(reserves ? { reserve: reserverFor(message.id, reserved) } : {}) })
    const { bytes: body, transfer } = answerOf(output.body, source)
    const returnable = returnableSource(source, transfer)
    // a source read here stays here for the next file; one that came from the main thread goes back to its pool
    if (returnable && file) spareBuffer = returnable
    else if (returnable) transfer.push(returnable)
    const back = returnable && !file ? { source: returnable } : {}
    send({ type: 'done', id: message.id, body, contentType: output.contentType, memoryBytes: memoryBytes(), ...back }, transfer)
  } catch (error) {
    if (ReservationDeferred.is(error) && source) {
      // nothing was decoded: the source goes back whole, for the job to run again once its memory is free
      const returnable = returnableSource(source, [])
      send({ type: 'deferred', id: message.id, bytes: error.bytes, memoryBytes: memoryBytes(), ...(returnable ? { source: returnable } : {}) }, returnable ? [returnable] : [])
    } else {
      send({ type: 'failed', id: message.id, error: toWire(error), memoryBytes: memoryBytes() })
    }
  } finally {
    controllers.delete(message.id)
    reservations.delete(message.id)
  }
})

processorReady.then(
  () => send({ type: 'ready' }),
  (error) => {
    console.error('[imgproc worker] the processor could not be created', error)
    process.exit(1)
  },
)
