/**
 * A contender's own process: loads one library, times every task on every image, writes the
 * encoded outputs and a result file, and reports its peak RSS. Run by the runner as
 * `node [--import tsx] worker.(ts|js) <config.json>`.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import type { RawImage } from '@imgproc/types'
import type { Contender } from './contender.js'
import { CONTENDERS } from './contenders/index.js'
import type { Task } from './tasks.js'
import { resultPath, slug, type WorkerConfig, type WorkerRecord, type WorkerResult } from './worker-protocol.js'

type Job = (bytes: Uint8Array, source: RawImage) => Promise<Uint8Array | RawImage>

function jobFor(contender: Contender, task: Task): Job | string {
  if (task.kind === 'decode') return contender.decode ? (bytes) => contender.decode!(bytes) : 'no decoder'
  if (!contender.encodes.includes(task.codec)) return `no ${task.codec} encoder`
  if (task.kind === 'encode')
    return contender.encode ? (_, source) => contender.encode!(source, task) : 'no raw encoder'
  return contender.pipeline ? (bytes) => contender.pipeline!(bytes, task) : 'no pipeline'
}

async function main(configPath: string): Promise<void> {
  const config = JSON.parse(await readFile(configPath, 'utf8')) as WorkerConfig
  const result: WorkerResult = { contender: config.contender, records: [], skipped: [], peakRssMiB: 0 }
  const factory = CONTENDERS[config.contender]
  const contender = factory?.()
  try {
    if (!contender) throw new Error(`unknown contender '${config.contender}'`)
    await contender.load()
    result.description = contender.describe()
  } catch (error) {
    result.unavailable = error instanceof Error ? error.message.split('\n')[0] : String(error)
  }
  if (contender && !result.unavailable) {
    for (const image of config.images) {
      const bytes = new Uint8Array(await readFile(image.path))
      const rgba = await readFile(image.rgbaPath)
      const source: RawImage = { width: image.width, height: image.height, data: new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.byteLength) }
      for (const task of config.tasks) {
        const job = jobFor(contender, task)
        if (typeof job === 'string') {
          result.skipped.push({ image: image.name, task: task.id, reason: job })
        } else {
          try {
            result.records.push(await measure(job, bytes, source, image.name, task, config))
          } catch (error) {
            result.skipped.push({ image: image.name, task: task.id, reason: `failed: ${error instanceof Error ? error.message : String(error)}` })
          }
        }
        process.stdout.write(`${JSON.stringify({ tick: `${config.contender} ${task.id} ${image.name}` })}\n`)
      }
    }
  }
  result.peakRssMiB = process.resourceUsage().maxRSS / 1024
  await writeFile(resultPath(config.outputDir, config.contender), JSON.stringify(result))
}

async function measure(job: Job, bytes: Uint8Array, source: RawImage, image: string, task: Task, config: WorkerConfig): Promise<WorkerRecord> {
  let output: Uint8Array | RawImage = bytes
  const times: number[] = []
  for (let i = 0; i < config.warmup; i++) {
    const start = performance.now()
    output = await job(bytes, source)
    const took = performance.now() - start
    if (config.slowRunMs !== undefined && took >= config.slowRunMs) {
      times.push(took)
      break
    }
  }
  while (times.length < config.iterations) {
    const start = performance.now()
    output = await job(bytes, source)
    times.push(performance.now() - start)
  }
  const record: WorkerRecord = { image, task: task.id, times }
  if (output instanceof Uint8Array) {
    record.outputFile = `${slug(config.contender)}__${slug(image)}__${slug(task.id)}.out`
    await writeFile(`${config.outputDir}/${record.outputFile}`, output)
  } else {
    record.width = output.width
    record.height = output.height
  }
  return record
}

main(process.argv[2]!).then(
  () => process.exit(0),
  (error) => {
    console.error(error)
    process.exit(1)
  },
)
