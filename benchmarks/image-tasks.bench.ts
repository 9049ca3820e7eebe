/**
 * Issue 13's image tasks, imgproc against sharp (concurrency 1) and wasm-vips (concurrency 1):
 * each contender in a process of its own (image-tasks/contender-child.ts), all of them
 * interleaved run by run (task by task, contender order rotating), so load from elsewhere on the
 * machine falls on every contender alike. Only one contender works at any moment.
 *
 *   pnpm exec tsx benchmarks/image-tasks.bench.ts [--runs 15] [--out benchmarks/results/image-tasks.md]
 */
import { fork, type ChildProcess } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { TASKS, type TaskId } from './image-tasks/tasks.js'

const args = process.argv.slice(2)
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback
}
const RUNS = Number(opt('runs', '15'))
const WARMUP = 2
const OUT = opt('out', fileURLToPath(new URL('./results/image-tasks.md', import.meta.url)))
const CORPUS = fileURLToPath(new URL('../../shared/corpus/bench/', import.meta.url))
const CHILD = fileURLToPath(new URL('./image-tasks/contender-child.ts', import.meta.url))
const CONTENDERS = ['imgproc', 'sharp', 'wasm-vips'] as const
type Contender = (typeof CONTENDERS)[number]

interface Answer { ms?: number; bytes?: number; error?: string; ready?: boolean }

function start(name: Contender): Promise<(task: TaskId) => Promise<{ ms: number; bytes: number }>> {
  const child: ChildProcess = fork(CHILD, [name], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  let pending: ((answer: Answer) => void) | undefined
  child.on('message', (answer: Answer) => pending?.(answer))
  child.on('exit', (code) => { if (code) console.error(`${name} exited with ${code}`) })
  const next = () => new Promise<Answer>((resolve) => { pending = resolve })
  const run = async (task: TaskId) => {
    const answer = next()
    child.send({ task, file: CORPUS + TASKS[task].file })
    const { ms, bytes, error } = await answer
    if (error !== undefined || ms === undefined || bytes === undefined) throw new Error(`${name} ${task}: ${error}`)
    return { ms, bytes }
  }
  stops.push(() => child.kill())
  return next().then(() => run)
}
const stops: Array<() => void> = []

/** What profiling showed (kept with the figures; re-check when a codec changes). */
const WHERE_TIME_GOES = [
  `Where the time goes (imgproc, profiled with \`node --cpu-prof\` and \`build.sh --names\`; benchmarks/results/jpeg-simd.md times each kernel):`,
  `- JPEG thumbnail: decode at 1/2 scale ~14 ms (of which ~9 ms Huffman decoding, bit-serial, no SIMD hook), the SIMD128 lanczos3`,
  `  resample of the whole blocks ~5 ms, encode ~2 ms, the rest planning and copies.`,
  `- Rotate 90: the decoder places rows turned while in cache (turn-on-load), so the full-size image is decoded (~20 ms) and`,
  `  encoded (~29 ms: SIMD colour conversion, fDCT, quantisation and both Huffman passes) with no separate pass or fresh buffer.`,
  `- WebP: the same decode and resample (~20 ms), then the @jsquash libwebp encoder (method 4, ~50 ms).`,
  `- PNG: libdeflate inflate + SIMD unfilter, then the box pre-shrink and resample; the encoder picks RGB/grey/palette.`,
  '',
]

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!

async function main() {
  if (!existsSync(CORPUS)) {
    console.log(`corpus absent at ${CORPUS}: nothing to measure`)
    return
  }
  const loadStart = loadavg()[0]!.toFixed(2)
  const runners = Object.fromEntries(await Promise.all(CONTENDERS.map(async (c) => [c, await start(c)] as const))) as Record<Contender, Awaited<ReturnType<typeof start>>>
  const tasks = Object.keys(TASKS) as TaskId[]
  const samples = new Map<string, number[]>()
  const sizes = new Map<string, number>()
  for (let r = -WARMUP; r < RUNS; r++) {
    for (const task of tasks) {
      for (let k = 0; k < CONTENDERS.length; k++) {
        const contender = CONTENDERS[(k + r + WARMUP) % CONTENDERS.length]!
        const { ms, bytes } = await runners[contender](task)
        const key = `${task} ${contender}`
        sizes.set(key, bytes)
        if (r >= 0) samples.set(key, [...(samples.get(key) ?? []), ms])
      }
    }
    process.stdout.write(r < 0 ? '' : `run ${r + 1}/${RUNS}\r`)
  }
  for (const stop of stops) stop()

  const ms = (task: TaskId, c: Contender) => median(samples.get(`${task} ${c}`)!)
  const summary = tasks.map((task) => {
    const ours = ms(task, 'imgproc')
    const vsSharp = ours / ms(task, 'sharp')
    const vsVips = ms(task, 'wasm-vips') / ours
    const floor = TASKS[task].floorVsSharp
    return `| ${TASKS[task].label} | ${ours.toFixed(1)} | ${ms(task, 'sharp').toFixed(1)} | ${ms(task, 'wasm-vips').toFixed(1)} | **${vsSharp.toFixed(2)}x** (floor <= ${floor}x: ${vsSharp <= floor ? 'met' : 'not met'}) | ${vsVips.toFixed(2)}x (floor >= 1.5x: ${vsVips >= 1.5 ? 'met' : 'not met'}) |`
  })
  const raw = tasks.flatMap((task) => CONTENDERS.map((c) => {
    const xs = samples.get(`${task} ${c}`)!
    return `| ${TASKS[task].label} | ${c} | ${median(xs).toFixed(1)} | ${Math.min(...xs).toFixed(1)} | ${sizes.get(`${task} ${c}`)} |`
  }))
  const md = [
    '## Image tasks against sharp and wasm-vips (issue 13)',
    '',
    `Command: \`pnpm exec tsx benchmarks/image-tasks.bench.ts --runs ${RUNS}\``,
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; load average (1 min) ${loadStart} at start, ${loadavg()[0]!.toFixed(2)} at end.`,
    `Each contender in its own process, one thread each (sharp \`concurrency(1)\`, wasm-vips \`concurrency(1)\`, imgproc's engine on its`,
    `calling thread); median of ${RUNS} runs after ${WARMUP} warm-ups, interleaved task by task with the contender order rotating.`,
    'Times are bytes in memory -> bytes in memory.',
    '',
    '| task | imgproc ms | sharp ms | wasm-vips ms | imgproc / sharp (time) | wasm-vips / imgproc (speed-up) |',
    '| --- | ---: | ---: | ---: | --- | --- |',
    ...summary,
    '',
    '| task | contender | median ms | min ms | output bytes |',
    '| --- | --- | ---: | ---: | ---: |',
    ...raw,
    '',
    ...WHERE_TIME_GOES,
  ].join('\n')
  writeFileSync(OUT, md)
  console.log(md)
}

await main().finally(() => { for (const stop of stops) stop() })
