/**
 * Engine benchmark: the issue-5 thumbnail tasks through `engine.process`, side by side with sharp
 * (concurrency 1), wasm-vips and the plain @jsquash pipeline, in one process, one task at a time.
 * Run: pnpm exec tsx benchmarks/engine.bench.ts [--runs 7] [--out benchmarks/results/engine.md]
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { initNode } from '../packages/codecs/src/node.js'
import { createEngine } from '../packages/engine/src/index.js'
import { jsquashContender } from '../packages/bench/src/contenders/jsquash.js'
import { sharpContender } from '../packages/bench/src/contenders/sharp.js'
import { wasmVipsContender } from '../packages/bench/src/contenders/wasm-vips.js'
import type { BenchCodec, Contender } from '../packages/bench/src/contender.js'

const args = process.argv.slice(2)
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback
}
const RUNS = Number(opt('runs', '7'))
const OUT = opt('out', fileURLToPath(new URL('./results/engine.md', import.meta.url)))
const CORPUS = fileURLToPath(new URL('../../shared/corpus/bench/', import.meta.url))

interface Task { id: string; file: string; codec: BenchCodec; quality: number; width: number; process: string }
const TASKS: Task[] = [
  { id: 'thumbnail JPEG 2725x2225 -> 720w Q80', file: 'sharp-2569067123_aca715a2ee_o.jpg', codec: 'jpeg', quality: 80, width: 720, process: 'image/resize,w_720/quality,Q_80' },
  { id: 'thumbnail PNG 2048x1536 alpha -> 320w PNG', file: 'sharp-alpha-premultiply-2048x1536-paper.png', codec: 'png', quality: 100, width: 320, process: 'image/resize,w_320' },
  { id: 'thumbnail JPEG -> 720w WebP q80', file: 'sharp-2569067123_aca715a2ee_o.jpg', codec: 'webp', quality: 80, width: 720, process: 'image/resize,w_720/quality,Q_80/format,webp' },
]

function engineContender(): Contender & { processString?: string } {
  const engine = createEngine()
  return {
    name: 'imgproc engine',
    encodes: ['jpeg', 'png', 'webp'],
    describe: () => 'imgproc engine.process (jSquash codecs, built-in TS resampler, single thread)',
    load: () => initNode(),
    async pipeline(bytes, request) {
      const task = TASKS.find((t) => t.codec === request.codec && t.width === request.width)!
      const result = await engine.process(bytes, task.process)
      if (result.kind !== 'image') throw new Error('expected an image')
      return result.bytes
    },
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!

async function main() {
  if (!existsSync(CORPUS)) {
    console.log(`corpus absent at ${CORPUS}: nothing to measure`)
    return
  }
  const contenders = [engineContender(), sharpContender(1), wasmVipsContender(), jsquashContender()]
  for (const c of contenders) await c.load()
  const rows: string[] = []
  const summary: string[] = []
  for (const task of TASKS) {
    const bytes = new Uint8Array(readFileSync(CORPUS + task.file))
    const times: Record<string, number> = {}
    const samples: Record<string, number[]> = {}
    const sizes: Record<string, number> = {}
    const request = { codec: task.codec, quality: task.quality, width: task.width }
    for (const c of contenders) {
      samples[c.name] = []
      for (let i = 0; i < 2; i++) sizes[c.name] = (await c.pipeline!(bytes, request)).length
    }
    // Round-robin: every run times each contender once, so load from elsewhere on the machine
    // falls on all of them alike.
    for (let i = 0; i < RUNS; i++) {
      for (const c of contenders) {
        const start = performance.now()
        await c.pipeline!(bytes, request)
        samples[c.name]!.push(performance.now() - start)
      }
    }
    for (const c of contenders) {
      times[c.name] = median(samples[c.name]!)
      rows.push(`| ${task.id} | ${c.name} | ${times[c.name]!.toFixed(1)} | ${Math.min(...samples[c.name]!).toFixed(1)} | ${sizes[c.name]} |`)
      console.log(task.id, c.name, times[c.name]!.toFixed(1), 'ms')
    }
    const ours = times['imgproc engine']!
    const ratio = (name: string) => (times[name] ? (ours / times[name]!).toFixed(2) : 'n/a')
    summary.push(
      `| ${task.id} | ${ours.toFixed(1)} | ${ratio('wasm-vips')} | ${times['@jsquash'] ? (times['@jsquash']! / ours).toFixed(2) : 'n/a'} | ${ratio('sharp')} |`,
    )
  }
  const md = [
    '# Engine benchmark',
    '',
    `Command: \`pnpm exec tsx benchmarks/engine.bench.ts --runs ${RUNS}\``,
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}. Median of ${RUNS} runs after 2 warm-ups each, one process, contenders interleaved run by run (round-robin); load average at start ${loadavg()[0]!.toFixed(2)}.`,
    '',
    '## Ratios (floor: <= 1.3x wasm-vips time, >= 2.5x faster than plain @jsquash)',
    '',
    '| task | imgproc ms | imgproc / wasm-vips (time) | @jsquash / imgproc (speed-up) | imgproc / sharp (time) |',
    '| --- | --- | --- | --- | --- |',
    ...summary,
    '',
    '## Raw medians',
    '',
    '| task | contender | median ms | min ms | output bytes |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    '## What bounds the engine, and what would close the gap',
    '',
    '- The engine adds no pixel work of its own on these tasks: plan from the header, decode, one ops `resample`',
    '  (lanczos3 after an integer box pre-shrink leaving >= 1.25x to the kernel; vs sharp lanczos3 raw pixels: 34.1 dB, where ops\' default gap 2 gives 40.5 dB at 3x the resample time), encode. Its time is the sum of those three.',
    '- JPEG: the full-size 2725x2225 mozjpeg decode is the largest part (jSquash exposes no DCT scaling).',
    '  wasm-vips decodes with shrink-on-load (libjpeg scale 1/2, 1/4, 1/8) and so reads a quarter of the',
    '  pixels. A scaled decode in @imgproc/codecs (`DecodeOptions.scale`, mozjpeg `scale_num/scale_denom`',
    '  exported from the WASM build) is what would bring the JPEG thumbnail under the 1.3x wasm-vips floor; the',
    '  engine would pass the largest power-of-two shrink that keeps the target at least 2x the decoded size.',
    '- Encode: the mozjpeg encoder runs with jSquash defaults (trellis quantisation, optimised Huffman), slower',
    '  than libvips\' default libjpeg-turbo settings; faster encoder settings are a codecs choice.',
    '- PNG: the squoosh PNG encoder writes larger files than libvips (no adaptive filter search), and the alpha',
    '  image is resampled premultiplied (two extra passes over the pixels).',
    '- The machine is shared with other jobs: the load average is printed above; contenders are interleaved run',
    '  by run so the load falls on all of them alike, but absolute times move between runs.',
    '',
  ].join('\n')
  writeFileSync(OUT, md)
  console.log(md)
}

await main()
