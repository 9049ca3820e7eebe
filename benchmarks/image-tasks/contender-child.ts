/**
 * One contender of benchmarks/image-tasks.bench.ts, alone in its process (so its threads, heap and
 * JIT are its own): loads its library, reads the task inputs once, then answers each `run` message
 * with the time of one task (input bytes in memory -> output bytes in memory).
 *
 *   tsx benchmarks/image-tasks/contender-child.ts <imgproc|sharp|wasm-vips>
 */
import { readFileSync } from 'node:fs'
import { TASKS, type TaskId } from './tasks.js'

type Runner = (task: TaskId, input: Uint8Array) => Promise<Uint8Array>

async function imgprocRunner(): Promise<Runner> {
  const { initNode } = await import('../../packages/codecs/src/node.js')
  const { createEngine } = await import('../../packages/engine/src/index.js')
  await initNode()
  const engine = createEngine()
  return async (task, input) => {
    const result = await engine.process(input, TASKS[task].process)
    if (result.kind !== 'image') throw new Error(`${task}: expected an image`)
    return result.bytes
  }
}

async function sharpRunner(): Promise<Runner> {
  const sharp = (await import('sharp')).default
  sharp.concurrency(1) // one thread, like one imgproc worker
  sharp.cache(false)
  return async (task, input) => {
    const image = sharp(input)
    switch (task) {
      case 'jpeg-thumbnail': return image.resize({ width: 720, kernel: 'lanczos3' }).jpeg({ quality: 80 }).toBuffer()
      case 'png-thumbnail': return image.resize({ width: 320, kernel: 'lanczos3' }).png().toBuffer()
      case 'webp-thumbnail': return image.resize({ width: 720, kernel: 'lanczos3' }).webp({ quality: 80 }).toBuffer()
      case 'jpeg-rotate-90': return image.rotate(90).jpeg({ quality: 80 }).toBuffer()
    }
  }
}

async function wasmVipsRunner(): Promise<Runner> {
  // wasm-vips ships loose typings; the calls used here are exercised by every run.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const Vips = (await import('wasm-vips')).default as unknown as (options?: object) => Promise<any>
  const vips = await Vips({ dynamicLibraries: [] })
  vips.concurrency(1)
  vips.Cache.max(0)
  const save = (image: { writeToBuffer(suffix: string, options: object): Uint8Array; delete(): void }, suffix: string, options: object) => {
    const out = image.writeToBuffer(suffix, options)
    image.delete()
    return out
  }
  return async (task, input) => {
    switch (task) {
      case 'jpeg-thumbnail': return save(vips.Image.thumbnailBuffer(input, 720), '.jpg', { Q: 80 })
      case 'png-thumbnail': return save(vips.Image.thumbnailBuffer(input, 320), '.png', {})
      case 'webp-thumbnail': return save(vips.Image.thumbnailBuffer(input, 720), '.webp', { Q: 80 })
      case 'jpeg-rotate-90': {
        const source = vips.Image.newFromBuffer(input)
        const rotated = source.rot90()
        source.delete()
        return save(rotated, '.jpg', { Q: 80 })
      }
    }
  }
}

const RUNNERS: Record<string, () => Promise<Runner>> = { imgproc: imgprocRunner, sharp: sharpRunner, 'wasm-vips': wasmVipsRunner }

const name = process.argv[2] ?? ''
const make = RUNNERS[name]
if (!make) throw new Error(`unknown contender "${name}" (one of ${Object.keys(RUNNERS).join(', ')})`)
const run = await make()
const inputs = new Map<string, Uint8Array>()
const input = (file: string) => {
  if (!inputs.has(file)) inputs.set(file, new Uint8Array(readFileSync(file)))
  return inputs.get(file)!
}

interface RunMessage { task: TaskId; file: string }
process.on('message', (message: RunMessage) => {
  const bytes = input(message.file)
  const start = performance.now()
  run(message.task, bytes).then(
    (out) => process.send!({ ms: performance.now() - start, bytes: out.length }),
    (error: unknown) => process.send!({ error: String(error) }),
  )
})
process.send!({ ready: true })
