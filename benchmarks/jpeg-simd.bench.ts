/**
 * Our libjpeg-turbo build's SIMD128 kernels (packages/codecs/native/libjpeg-turbo/jsimd_wasm*.c)
 * against libjpeg-turbo's C code, on the 2725x2225 bench photo: whole decodes (1/1 .. 1/8) and
 * encodes, then each kernel's own effect: the operation that uses it with every kernel on
 * against every kernel but that one, and with no kernel against only that one (ij_simd masks
 * of the committed build). A kernel is kept when it saves time both ways.
 *
 *   pnpm exec tsx benchmarks/jpeg-simd.bench.ts [--runs 15] [--scalar DIR] [--before DIR] [--out FILE]
 *
 * --scalar DIR: a scalar build of the same sources (sh packages/codecs/native/libjpeg-turbo/build.sh
 *   --scalar --out DIR); --before DIR: the artefact this change replaced (libjpeg-turbo 2.1.5, no
 *   SIMD: `git show aac6082:packages/codecs/src/wasm/libjpeg_turbo.{js,wasm}`). Both optional.
 * Times are of the WebAssembly calls alone (the copy of the output out of the heap is left out).
 * All builds and masks alternate run by run, so the load of the shared machine falls on each
 * alike; read the ratios. V8 is run with --no-liftoff (see below) so no run meets a half-tiered
 * module.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import type { LibjpegTurboModule } from '../packages/codecs/src/wasm/libjpeg_turbo.js'
import { loadTurboModule } from '../packages/codecs/src/node-turbo-simd.fixture.js'

// Liftoff-compiled code is replaced by TurboFan's in the background; on a loaded machine that can
// take many runs. Re-run this script under --no-liftoff (TurboFan from the start) if not already.
if (!process.execArgv.includes('--no-liftoff')) {
  execFileSync(process.execPath, ['--no-liftoff', ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' })
  process.exit(0)
}

const args = process.argv.slice(2)
const opt = (name: string, fallback?: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback
}
const RUNS = Number(opt('runs', '15'))
const OUT = opt('out', fileURLToPath(new URL('./results/jpeg-simd.md', import.meta.url)))!
const CORPUS = fileURLToPath(new URL('../../shared/corpus/', import.meta.url))
const PHOTO = `${CORPUS}bench/sharp-2569067123_aca715a2ee_o.jpg`
const PEACOCK_422 = `${CORPUS}jpeg/wuffs-peacock.s2x1-422.jpeg`
const COMMITTED = fileURLToPath(new URL('../packages/codecs/src/wasm/', import.meta.url))

/** jsimd_wasm.h's kernel bits */
const KERNELS = {
  'IDCT islow (8x8)': 0x001,
  'IDCT 4x4 (1/2 scale)': 0x002,
  'IDCT 2x2 (1/4 scale)': 0x004,
  'YCbCr -> RGBA': 0x008,
  'h2v1 fancy upsampling (4:2:2)': 0x010,
  'h2v2 fancy upsampling (4:2:0)': 0x020,
  'RGBA -> YCbCr': 0x040,
  'h2v2 downsampling': 0x080,
  'sample conversion': 0x100,
  'forward DCT islow': 0x200,
  quantisation: 0x400,
  'progressive Huffman preparation': 0x800,
  'Huffman block (sequential)': 0x1000,
  'Huffman statistics (optimised tables)': 0x2000,
} as const
const ALL = 0x3fff

interface Build {
  label: string
  wasm: LibjpegTurboModule
  mask?: number
}

/** Copies `bytes` into the heap once; returns its pointer. */
function place(wasm: LibjpegTurboModule, bytes: Uint8Array): number {
  const at = wasm._ij_malloc(bytes.length)
  wasm.HEAPU8.set(bytes, at)
  return at
}

/** An operation on a build: returns a function running it once (output freed, not copied). */
type Operation = (build: Build) => () => void

const freeOutput = (wasm: LibjpegTurboModule) => wasm._ij_free(wasm.HEAPU32[wasm._ij_state() >>> 2]!)

function decodeOp(jpeg: Uint8Array, denom: number, repeat = 1): Operation {
  return ({ wasm }) => {
    const at = place(wasm, jpeg)
    return () => {
      for (let i = 0; i < repeat; i++) {
        if (wasm._ij_decode(at, jpeg.length, denom, 0)) throw new Error('decode failed')
        freeOutput(wasm)
      }
    }
  }
}

function encodeOp(rgba: Uint8Array, width: number, height: number, quality: number, progressive: boolean): Operation {
  return ({ wasm }) => {
    const at = place(wasm, rgba)
    return () => {
      if (wasm._ij_encode(at, width, height, quality, progressive ? 1 : 0)) throw new Error('encode failed')
      freeOutput(wasm)
    }
  }
}

const setMask = ({ wasm, mask }: Build) => {
  if (mask !== undefined) (wasm as { _ij_simd?: (m: number) => number })._ij_simd?.(mask)
}

/** Median ms of each build running `operation`, builds alternating run by run. */
function race(operation: Operation, builds: Build[]): number[] {
  const runs = builds.map((build) => operation(build))
  const times = builds.map(() => [] as number[])
  for (let r = -1; r < RUNS; r++) {
    builds.forEach((build, i) => {
      setMask(build)
      const start = performance.now()
      runs[i]!()
      if (r >= 0) times[i]!.push(performance.now() - start)
    })
  }
  return times.map((t) => t.sort((a, b) => a - b)[t.length >> 1]!)
}

function decodeRgba(wasm: LibjpegTurboModule, jpeg: Uint8Array, denom: number) {
  const at = place(wasm, jpeg)
  if (wasm._ij_decode(at, jpeg.length, denom, 0)) throw new Error('decode failed')
  const state = wasm._ij_state() >>> 2
  const out = wasm.HEAPU32[state]!
  const image = { width: wasm.HEAP32[state + 2]!, height: wasm.HEAP32[state + 3]!, data: wasm.HEAPU8.slice(out, out + wasm.HEAPU32[state + 1]!) }
  wasm._ij_free(out)
  wasm._ij_free(at)
  return image
}

const ms = (t: number) => (t < 10 ? t.toFixed(2) : t.toFixed(1))
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`

async function main(): Promise<void> {
  if (!existsSync(PHOTO)) throw new Error(`the bench photo is needed: ${PHOTO}`)
  const loadStart = loadavg()[0]!.toFixed(2)
  const photo = new Uint8Array(readFileSync(PHOTO))
  const simd = await loadTurboModule(COMMITTED)
  const scalarDir = opt('scalar')
  const beforeDir = opt('before')
  const extra: Build[] = []
  if (beforeDir) extra.push({ label: 'before: 2.1.5, no SIMD', wasm: await loadTurboModule(beforeDir) })
  if (scalarDir) extra.push({ label: '3.2.0 scalar build', wasm: await loadTurboModule(scalarDir) })
  const off: Build = { label: 'kernels off', wasm: simd, mask: 0 }
  const on: Build = { label: 'kernels on', wasm: simd, mask: ALL }
  const full = decodeRgba(simd, photo, 1)
  const quarter = decodeRgba(simd, photo, 4)

  const rows: string[] = []
  const builds = [...extra, off, on]
  rows.push('### Whole operations (ms, median)', '')
  rows.push(`| operation | ${builds.map((b) => b.label).join(' | ')} | off ÷ on |${beforeDir ? ' before ÷ on |' : ''}`)
  rows.push(`|---|${builds.map(() => '---:').join('|')}|---:|${beforeDir ? '---:|' : ''}`)
  const whole: Array<[string, Operation]> = [
    ['decode 2725x2225, full size', decodeOp(photo, 1)],
    ['decode at 1/2 (1363x1113, the thumbnail path)', decodeOp(photo, 2)],
    ['decode at 1/4', decodeOp(photo, 4)],
    ['decode at 1/8', decodeOp(photo, 8)],
    ['encode 2725x2225 q80', encodeOp(full.data, full.width, full.height, 80, false)],
    ['encode 2725x2225 q80 progressive', encodeOp(full.data, full.width, full.height, 80, true)],
    [`encode ${quarter.width}x${quarter.height} q80 (thumbnail size)`, encodeOp(quarter.data, quarter.width, quarter.height, 80, false)],
  ]
  for (const [name, operation] of whole) {
    const t = race(operation, builds)
    const [tOff, tOn] = [t[t.length - 2]!, t[t.length - 1]!]
    rows.push(`| ${name} | ${t.map(ms).join(' | ')} | ${ratio(tOff, tOn)} |${beforeDir ? ` ${ratio(t[0]!, tOn)} |` : ''}`)
  }

  rows.push('', '### Each kernel in the operation that uses it (ms, median)', '')
  rows.push('| kernel | operation | all on | all but this | saved | none | only this | saved |', '|---|---|---:|---:|---:|---:|---:|---:|')
  const peacock = existsSync(PEACOCK_422) ? new Uint8Array(readFileSync(PEACOCK_422)) : undefined
  const encode = encodeOp(full.data, full.width, full.height, 80, false)
  const uses: Record<keyof typeof KERNELS, [string, Operation] | undefined> = {
    'IDCT islow (8x8)': ['decode 1/1', decodeOp(photo, 1)],
    'IDCT 4x4 (1/2 scale)': ['decode 1/2', decodeOp(photo, 2)],
    'IDCT 2x2 (1/4 scale)': ['decode 1/4', decodeOp(photo, 4)],
    'YCbCr -> RGBA': ['decode 1/1', decodeOp(photo, 1)],
    'h2v1 fancy upsampling (4:2:2)': peacock && ['decode 100x75 4:2:2, 200 times', decodeOp(peacock, 1, 200)],
    'h2v2 fancy upsampling (4:2:0)': ['decode 1/1', decodeOp(photo, 1)],
    'RGBA -> YCbCr': ['encode q80', encode],
    'h2v2 downsampling': ['encode q80', encode],
    'sample conversion': ['encode q80', encode],
    'forward DCT islow': ['encode q80', encode],
    quantisation: ['encode q80', encode],
    'progressive Huffman preparation': ['encode q80 progressive', encodeOp(full.data, full.width, full.height, 80, true)],
    'Huffman block (sequential)': ['encode q80', encode],
    'Huffman statistics (optimised tables)': ['encode q80', encode],
  }
  for (const [kernel, bit] of Object.entries(KERNELS) as Array<[keyof typeof KERNELS, number]>) {
    const use = uses[kernel]
    if (!use) continue
    const [allOn, allBut, none, only] = race(use[1], [
      { label: 'on', wasm: simd, mask: ALL },
      { label: 'but', wasm: simd, mask: ALL & ~bit },
      { label: 'none', wasm: simd, mask: 0 },
      { label: 'only', wasm: simd, mask: bit },
    ])
    rows.push(`| ${kernel} | ${use[0]} | ${ms(allOn!)} | ${ms(allBut!)} | ${ms(allBut! - allOn!)} | ${ms(none!)} | ${ms(only!)} | ${ms(none! - only!)} |`)
  }
  simd._ij_simd(ALL)

  const text = [
    '## libjpeg-turbo WASM: SIMD128 kernels against the C code',
    '',
    `Command: \`pnpm exec tsx benchmarks/jpeg-simd.bench.ts --runs ${RUNS}${scalarDir ? ' --scalar DIR' : ''}${beforeDir ? ' --before DIR' : ''}\``,
    `(median of ${RUNS} runs after one warm-up, all builds and kernel sets alternating run by run; Node ${process.version} --no-liftoff).`,
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), shared with other work: load average (1 min) ${loadStart} at start, ${loadavg()[0]!.toFixed(2)} at end.`,
    'Times are of the WebAssembly call alone (decode: into the heap; the codec then copies the pixels out).',
    '"kernels off/on": the committed build (libjpeg-turbo 3.2.0 + jsimd_wasm*.c) with ij_simd(0) / every kernel;',
    'its output is the same byte for byte either way (packages/codecs/src/turbo-simd.test.ts).',
    '',
    ...rows,
    '',
  ].join('\n')
  writeFileSync(OUT, text)
  console.log(text)
}

await main()
