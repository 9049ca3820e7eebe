import { existsSync } from 'node:fs'
import { rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import type { BenchCodec } from './contender.js'
import { ALL_CONTENDERS } from './contenders/index.js'
import { imgprocReference } from './reference.js'
import { writeStandIns } from './stand-ins.js'
import { htmlReport } from './report/html-report.js'
import { terminalReport } from './report/terminal-table.js'
import type { BenchReport } from './result.js'
import { runBench, type Reference } from './run.js'
import { ALL_CODECS, parseList, TASK_GROUPS } from './tasks.js'

/**
 * What `--short` trims, to finish in about 3 minutes on 2 cores instead of ~15 (measured: AVIF at
 * full size is most of a run, sharp's and jsquash's encoder taking 5-15 s a time on the photo):
 * - the quality ladder to one point (q75 per codec, PNG once);
 * - the full-size conversions (convert-webp, convert-avif): each is a decode plus an encode,
 *   which the decode and encode tasks already time separately;
 * - the timed runs to one, after one warm-up (so no WASM compile or tier-up is timed), except
 *   that a warm-up run of a second or more counts as the timed run: compile and tier-up are a
 *   small part of it, and a 10 s AVIF encode run twice would double the wait for nothing;
 * - two contenders: sharp on every core is sharp again, and jimp (pure JS, no WebP or AVIF) is
 *   the slowest by far.
 * Every image stays, as do decode, every codec's encode and both thumbnail pipelines.
 */
export const SHORT = {
  qualities: [75],
  iterations: 1,
  slowRunMs: 1000,
  groups: ['decode', 'encode', 'thumbnail', 'png-thumbnail'],
  contenders: ['imgproc', 'sharp', 'wasm-vips', 'jsquash'],
} as const

export const BENCH_USAGE = `Usage: imgproc bench [images...] [options]

Times decode, encode at several qualities and the standard pipelines (thumbnail 720 wide JPEG,
320 wide PNG, conversion to WebP and AVIF) for imgproc and every installed peer (sharp at
concurrency 1 and default, wasm-vips, plain @jsquash, jimp), each in its own process, and scores
every output (bytes, bits per pixel, PSNR, SSIM) with imgproc's own decoders.

With no images, uses the standard inputs in ../shared/corpus/bench when present, else generated
stand-ins of the same sizes and formats.

Options:
  --codecs <list>       jpeg,webp,avif,png (default: all)
  --tasks <list>        ${TASK_GROUPS.join(',')} (default: all)
  --contenders <list>   ${ALL_CONTENDERS.join(',')} (default: all)
  --iterations <n>      timed runs per cell (default 5; --short: 1)
  --warmup <n>          untimed runs first (default 1)
  --short               a quick look, about 3 minutes on 2 cores: tasks
                        ${SHORT.groups.join(',')} (no full-size conversions),
                        q${SHORT.qualities.join(',')} only, 1 warm-up + ${SHORT.iterations} timed run per cell (a
                        warm-up of ${SHORT.slowRunMs / 1000} s or more is the timed run), contenders
                        ${SHORT.contenders.join(',')}; --tasks, --contenders,
                        --iterations and --warmup still override it
  --json <file>         write the full report as JSON
  --html <file>         write an HTML report with charts
  -h, --help            this text`

export interface BenchIo {
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number }
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number }
}

/** The standard inputs (a photo, an alpha PNG, a lossy WebP) when ../shared/corpus is beside the repo. */
export function standardImages(): string[] {
  const repo = join(dirname(fileURLToPath(import.meta.url)), '../../..')
  const bench = join(repo, '../shared/corpus/bench')
  return ['sharp-2569067123_aca715a2ee_o.jpg', 'sharp-alpha-premultiply-2048x1536-paper.png', 'sharp-4.webp']
    .map((name) => join(bench, name))
    .filter((path) => existsSync(path))
}

export interface ParsedBenchArgs {
  images: string[]
  codecs: BenchCodec[]
  groups: (typeof TASK_GROUPS)[number][]
  contenders: string[]
  /** the encode ladder's qualities (undefined: the standard 50/75/90) */
  qualities?: readonly number[]
  /** a warm-up run at least this long (ms) counts as timed (--short) */
  slowRunMs?: number
  iterations: number
  warmup: number
  json?: string
  html?: string
  help: boolean
}

export function parseBenchArgs(argv: string[], contenders: readonly string[]): ParsedBenchArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      codecs: { type: 'string' }, tasks: { type: 'string' }, contenders: { type: 'string' },
      iterations: { type: 'string' }, warmup: { type: 'string' }, short: { type: 'boolean' },
      json: { type: 'string' }, html: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  })
  const count = (value: string | undefined, fallback: number, what: string) => {
    if (value === undefined) return fallback
    const n = Number(value)
    if (!Number.isInteger(n) || n < 0 || n > 1000) throw new RangeError(`Expected an integer 0-1000 for --${what} but received '${value}'`)
    return n
  }
  return {
    images: positionals,
    codecs: values.codecs ? parseList(values.codecs, ALL_CODECS, 'codecs') : [...ALL_CODECS],
    groups: values.tasks ? parseList(values.tasks, TASK_GROUPS, 'tasks') : values.short ? [...SHORT.groups] : [...TASK_GROUPS],
    contenders: values.contenders ? parseList(values.contenders, contenders, 'contenders')
      : values.short ? contenders.filter((c) => (SHORT.contenders as readonly string[]).includes(c)) : [...contenders],
    ...(values.short ? { qualities: SHORT.qualities, slowRunMs: SHORT.slowRunMs } : {}),
    iterations: Math.max(1, count(values.iterations, values.short ? SHORT.iterations : 5, 'iterations')),
    warmup: count(values.warmup, 1, 'warmup'),
    json: values.json,
    html: values.html,
    help: values.help ?? false,
  }
}

/** `imgproc bench`: returns the exit code (0 done, 2 bad arguments or no images). */
export async function benchCommand(argv: string[], io: BenchIo, reference: Reference, contenders: readonly string[]): Promise<{ code: number; report?: BenchReport }> {
  let args: ParsedBenchArgs
  try {
    args = parseBenchArgs(argv, contenders)
  } catch (error) {
    io.stderr.write(`imgproc: InvalidArgument: ${error instanceof Error ? error.message : String(error)}\n`)
    return { code: 2 }
  }
  if (args.help) {
    io.stdout.write(`${BENCH_USAGE}\n`)
    return { code: 0 }
  }
  const missing = args.images.filter((path) => !existsSync(path))
  if (missing.length) {
    io.stderr.write(`imgproc: InvalidArgument: No such image file: ${missing.join(', ')}\n`)
    return { code: 2 }
  }
  let images = args.images.length ? args.images : standardImages()
  const generated = images.length === 0
  if (generated) {
    io.stderr.write('imgproc bench: ../shared/corpus/bench is not beside the repository; using generated stand-ins\n')
    images = await writeStandIns()
  }
  const report = await runBench({
    images, contenders: args.contenders, groups: args.groups, codecs: args.codecs, qualities: args.qualities, slowRunMs: args.slowRunMs,
    iterations: args.iterations, warmup: args.warmup, reference,
    command: ['imgproc bench', ...argv].join(' '), progress: io.stderr,
  }).finally(() => (generated ? rm(dirname(images[0]!), { recursive: true, force: true }) : undefined))
  io.stdout.write(`${terminalReport(report)}\n`)
  if (args.json) await writeFile(args.json, JSON.stringify(report, null, 2))
  if (args.html) await writeFile(args.html, htmlReport(report))
  return { code: 0, report }
}

/** The `imgproc bench` entry the CLI calls: our own reference, every registered contender. */
export async function runBenchCli(argv: string[], io: BenchIo): Promise<number> {
  const wantsHelp = argv.includes('--help') || argv.includes('-h')
  const reference = wantsHelp ? ({} as Reference) : await imgprocReference()
  return (await benchCommand(argv, io, reference, ALL_CONTENDERS)).code
}
