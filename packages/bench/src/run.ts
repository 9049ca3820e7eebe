import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { cpus, tmpdir, totalmem } from 'node:os'
import { basename, join } from 'node:path'
import { createInterface } from 'node:readline'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { RawImage } from '@imgproc/types'
import type { BenchCodec } from './contender.js'
import { ProgressBar, type ProgressSink } from './progress.js'
import { bitsPerPixel, type BenchRecord, type BenchReport, type ContenderRun } from './result.js'
import { ssim } from './ssim.js'
import { summarize } from './stats.js'
import { selectTasks, type TaskGroup } from './tasks.js'
import { resultPath, type WorkerConfig, type WorkerResult } from './worker-protocol.js'

/** Our own tested code that decodes outputs and makes the reference for resized outputs. */
export interface Reference {
  decode(bytes: Uint8Array): Promise<RawImage>
  /** the source resampled to an output's size (lanczos3), to score resized outputs against */
  resize(image: RawImage, width: number, height: number): RawImage
  psnr(a: RawImage, b: RawImage): number
}

export interface BenchOptions {
  images: string[]
  contenders: string[]
  groups: readonly TaskGroup[]
  codecs: readonly BenchCodec[]
  qualities?: readonly number[]
  iterations: number
  warmup: number
  /** a warm-up run at least this long counts as a timed one (see WorkerConfig) */
  slowRunMs?: number
  reference: Reference
  /** the command line that started the run, for the report */
  command: string
  progress?: ProgressSink
}

const here = fileURLToPath(new URL('.', import.meta.url))
const fromSource = import.meta.url.endsWith('.ts')

/** From source the worker needs tsx's loader; the built package runs the compiled worker directly. */
function tsxLoader(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
}

/** Starts one contender's process and resolves with its result (or why it could not run). */
async function runContender(config: WorkerConfig, configPath: string, onTick: (label: string) => void): Promise<WorkerResult> {
  const args = fromSource
    ? ['--import', tsxLoader(), join(here, 'worker.ts'), configPath]
    : [join(here, 'worker.js'), configPath]
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-2000)))
  for await (const line of createInterface({ input: child.stdout })) {
    try {
      const message = JSON.parse(line) as { tick?: string }
      if (message.tick) onTick(message.tick)
    } catch {
      // a library printed to stdout: not ours, ignore
    }
  }
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  try {
    return JSON.parse(await readFile(resultPath(config.outputDir, config.contender), 'utf8')) as WorkerResult
  } catch {
    const why = stderr.trim().split('\n').slice(-3).join(' | ')
    return { contender: config.contender, unavailable: `its process failed (exit ${code}): ${why}`, records: [], skipped: [], peakRssMiB: 0 }
  }
}

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)}s`

/** Runs every contender, each in its own process, then scores the outputs with our own code. */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const outputDir = await mkdtemp(join(tmpdir(), 'imgproc-bench-'))
  try {
    const tasks = selectTasks({ groups: options.groups, codecs: options.codecs, qualities: options.qualities })
    const images: WorkerConfig['images'] = []
    const sources = new Map<string, RawImage>()
    const report: BenchReport = {
      startedAt: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        platform: `${process.platform}-${process.arch}`,
      },
      command: options.command,
      iterations: options.iterations,
      warmup: options.warmup,
      images: [],
      runs: [],
    }
    for (const [index, path] of options.images.entries()) {
      const bytes = new Uint8Array(await readFile(path))
      const source = await options.reference.decode(bytes)
      const name = basename(path)
      const rgbaPath = join(outputDir, `source-${index}.rgba`)
      await writeFile(rgbaPath, source.data)
      images.push({ name, path, rgbaPath, width: source.width, height: source.height })
      sources.set(name, source)
      report.images.push({ name, width: source.width, height: source.height, bytes: bytes.byteLength })
    }
    // every contender's thumbnails are scored against the same resampled source: make each once
    const targets = new Map<string, RawImage>()
    const bar = options.progress && new ProgressBar(options.contenders.length * images.length * tasks.length, options.progress)
    for (const contender of options.contenders) {
      const config: WorkerConfig = { contender, images, tasks, iterations: options.iterations, warmup: options.warmup, slowRunMs: options.slowRunMs, outputDir }
      const configPath = join(outputDir, `${contender.replace(/\W+/g, '_')}.config.json`)
      await writeFile(configPath, JSON.stringify(config))
      let ticks = 0
      let imageStarted = Date.now()
      const result = await runContender(config, configPath, (label) => {
        ticks++
        bar?.step(label)
        // the worker runs every task on one image, then the next: a milestone per image done
        if (ticks % tasks.length === 0) {
          const image = images[ticks / tasks.length - 1]!.name
          bar?.milestone(`${contender} finished ${image}: ${tasks.length} tasks in ${seconds(imageStarted)}`)
          imageStarted = Date.now()
        }
      })
      // a contender that could not load (or died) still moves the bar to where it would have been
      bar?.step(`${contender} not run`, images.length * tasks.length - ticks)
      if (result.unavailable) bar?.milestone(`${contender}: not run (${result.unavailable})`)
      const scoring = Date.now()
      const run = await score(result, sources, targets, tasks, outputDir, options.reference)
      if (run.records.length) bar?.milestone(`${contender} scored ${run.records.filter((r) => r.bytes !== undefined).length} outputs in ${seconds(scoring)}`)
      report.runs.push(run)
    }
    return report
  } finally {
    await rm(outputDir, { recursive: true, force: true })
  }
}

async function score(
  result: WorkerResult,
  sources: Map<string, RawImage>,
  targets: Map<string, RawImage>,
  tasks: ReturnType<typeof selectTasks>,
  outputDir: string,
  reference: Reference,
): Promise<ContenderRun> {
  const run: ContenderRun = {
    contender: result.contender,
    description: result.description,
    records: [],
    skipped: [...result.skipped],
    peakRssMiB: result.peakRssMiB,
  }
  if (result.unavailable) run.unavailable = result.unavailable
  for (const r of result.records) {
    const task = tasks.find((t) => t.id === r.task)!
    const source = sources.get(r.image)!
    const record: BenchRecord = {
      contender: result.contender, image: r.image, task: r.task, time: summarize(r.times),
      width: r.width ?? source.width, height: r.height ?? source.height,
    }
    if (task.kind !== 'decode') {
      record.codec = task.codec
      record.quality = task.quality
    }
    if (r.outputFile) {
      const bytes = new Uint8Array(await readFile(join(outputDir, r.outputFile)))
      record.bytes = bytes.byteLength
      try {
        const decoded = await reference.decode(bytes)
        record.width = decoded.width
        record.height = decoded.height
        record.bitsPerPixel = bitsPerPixel(bytes.byteLength, decoded.width, decoded.height)
        const key = `${r.image}\u0000${decoded.width}x${decoded.height}`
        const target = decoded.width === source.width && decoded.height === source.height
          ? source
          : targets.get(key) ?? targets.set(key, reference.resize(source, decoded.width, decoded.height)).get(key)!
        record.psnr = reference.psnr(target, decoded)
        record.ssim = ssim(target, decoded)
      } catch (error) {
        run.skipped.push({ image: r.image, task: r.task, reason: `output not scored: ${error instanceof Error ? error.message : String(error)}` })
      }
    }
    run.records.push(record)
  }
  return run
}
