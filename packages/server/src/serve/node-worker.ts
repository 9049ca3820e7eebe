/**
 * The worker-thread side of the pool: builds one processor (the engine by default) and runs the
 * jobs the pool sends, one at a time. Objects a job reads (watermarks) are asked of the main
 * thread by job id, which answers through that job's own caller-bound loader: the worker has no
 * storage and no rights of its own. After each job the worker reports how much memory outside
 * the JS heap (WebAssembly memories, which never shrink) it holds, so the pool can replace it.
 */
import { getHeapStatistics } from 'node:v8'
import { parentPort, workerData } from 'node:worker_threads'
import type { ImageProcessor, LoadObject } from '../processor.js'
import { withSystemFonts } from './node-fonts.js'
import { initNodeRuntime } from './node-runtime.js'
import { fromWire, toWire, type FromWorker, type ToWorker, type WorkerSetup } from './node-worker-protocol.js'

type Factory = (options: Record<string, unknown>) => ImageProcessor | Promise<ImageProcessor>

const port = parentPort!
const setup = (workerData ?? {}) as WorkerSetup
const send = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer)

let nextLoadId = 0
const loads = new Map<number, { resolve: (bytes: Uint8Array | null) => void; reject: (error: unknown) => void }>()
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

async function loadFactory(): Promise<Factory> {
  await initNodeRuntime()
  if (setup.factoryUrl) return ((await import(setup.factoryUrl)) as { createProcessor: Factory }).createProcessor
  return ((await import('../engine-processor.js')) as { createProcessor: Factory }).createProcessor
}

const processorReady = loadFactory().then((factory) => factory(withSystemFonts(setup.factoryOptions ?? {})))
const controllers = new Map<number, AbortController>()

port.on('message', async (message: ToWorker) => {
  if (message.type === 'loaded') {
    const load = loads.get(message.loadId)
    loads.delete(message.loadId)
    if (message.error) load?.reject(fromWire(message.error))
    else load?.resolve(message.bytes)
    return
  }
  if (message.type === 'abort') {
    controllers.get(message.id)?.abort(new DOMException('The job was aborted.', 'AbortError'))
    return
  }
  const controller = new AbortController()
  controllers.set(message.id, controller)
  try {
    const processor = await processorReady
    const output = await processor.process({ ...message.job, loadObject: loaderFor(message.id), signal: controller.signal })
    // copy when the output is a view into a larger buffer, so the transfer moves only its bytes
    const body = output.body.byteOffset === 0 && output.body.byteLength === output.body.buffer.byteLength ? output.body : output.body.slice()
    send({ type: 'done', id: message.id, body, contentType: output.contentType, memoryBytes: memoryBytes() }, [body.buffer as ArrayBuffer])
  } catch (error) {
    send({ type: 'failed', id: message.id, error: toWire(error), memoryBytes: memoryBytes() })
  } finally {
    controllers.delete(message.id)
  }
})

processorReady.then(
  () => send({ type: 'ready' }),
  (error) => {
    console.error('[imgproc worker] the processor could not be created', error)
    process.exit(1)
  },
)
