/**
 * The SIMD128 resampler (packages/ops/native/simd) against the TypeScript passes it
 * equals byte for byte: each kernel alone, whole `resample` calls on the thumbnail shapes, and the
 * thumbnail's PSNR against sharp per pre-shrink gap.
 *
 *   pnpm exec tsx benchmarks/resample-simd.bench.ts [--runs 15] [--out benchmarks/results/resample-simd.md]
 *
 * Inputs: the corpus photo (2725x2225 JPEG) decoded by sharp to RGBA, its 1363x1113 half (what
 * shrink-on-load decodes), and the corpus' 2048x1536 alpha PNG; generated pictures of the same
 * sizes without the corpus. Scalar and SIMD alternate run by run, so the load of the shared
 * machine falls on both alike: the ratio is the figure to read.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'
import { initNode } from '../packages/codecs/src/node.js'
import { testPicture } from '../packages/ops/src/testing/arbitraries.js'
import type { RawImage } from '../packages/types/src/index.js'
import { filterCases, kernelCases, wholeCases, type KernelCase } from './resample-simd/kernel-cases.js'
import { timeEngines } from './resample-simd/engine-thumbnail.js'
import { thumbnailPsnr } from './resample-simd/thumbnail-psnr.js'

const args = process.argv.slice(2)
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback
}
const RUNS = Number(opt('runs', '15'))
const OUT = opt('out', fileURLToPath(new URL('./results/resample-simd.md', import.meta.url)))
const CORPUS = fileURLToPath(new URL('../../shared/corpus/bench/', import.meta.url))
const PHOTO = `${CORPUS}sharp-2569067123_aca715a2ee_o.jpg`
const ALPHA = `${CORPUS}sharp-alpha-premultiply-2048x1536-paper.png`

async function rgba(input: string | Buffer, width?: number, height?: number): Promise<RawImage> {
  const out = await sharp(input).resize(width, height, { fit: 'fill' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
  return { width: out.info.width, height: out.info.height, data: new Uint8ClampedArray(out.data.buffer, out.data.byteOffset, out.data.length) }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!

/** Medians of the scalar and SIMD sides, alternating run by run after 2 warm-ups each. */
function measure(c: KernelCase): { scalar: number; simd: number } {
  const simd = c.simd()
  const a: number[] = []
  const b: number[] = []
  for (let i = 0; i < 2; i++) (c.scalar(), simd())
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now()
    c.scalar()
    a.push(performance.now() - t)
    t = performance.now()
    simd()
    b.push(performance.now() - t)
  }
  return { scalar: median(a), simd: median(b) }
}

function table(cases: KernelCase[]): string[] {
  const rows = ['| case | scalar ms | SIMD ms | speed-up | SIMD rate |', '| --- | ---: | ---: | ---: | ---: |']
  for (const c of cases) {
    const { scalar, simd } = measure(c)
    // millions per millisecond = billions per second
    const rate = `${(c.work / simd).toFixed(2)} G ${c.unit.replace(/^M /, '')}/s`
    rows.push(`| ${c.name} | ${scalar.toFixed(1)} | ${simd.toFixed(1)} | ${(scalar / simd).toFixed(1)}x | ${rate} |`)
    console.log(rows.at(-1))
  }
  return rows
}

async function main() {
  const corpus = existsSync(PHOTO) && existsSync(ALPHA)
  const photo = corpus ? await rgba(PHOTO) : testPicture(2725, 2225)
  const half = corpus ? await rgba(PHOTO, 1363, 1113) : testPicture(1363, 1113)
  const alpha = corpus ? await rgba(ALPHA) : testPicture(2048, 1536, true)
  const load = loadavg()[0]!.toFixed(2)
  const kernels = table(kernelCases(photo, half, alpha))
  const whole = table(wholeCases(photo, half, alpha))
  const filters = table(filterCases(photo))
  let fidelity: string[] = ['(corpus absent: no thumbnail PSNR)']
  let engine: string[] = ['(corpus absent: no engine thumbnail)']
  if (corpus) {
    await initNode()
    const times = await timeEngines(new Uint8Array(readFileSync(PHOTO)), RUNS)
    engine = ['| engine | median ms | vs before |', '| --- | ---: | ---: |',
      ...times.map((t) => `| ${t.name} | ${t.ms.toFixed(1)} | ${(times[0]!.ms / t.ms).toFixed(2)}x |`)]
    console.log(engine.join('\n'))
    const gaps = await thumbnailPsnr(new Uint8Array(readFileSync(PHOTO)), [1, 1.25, 1.5, 2, 2.5, 3])
    fidelity = ['| gap | shrink-on-load | PSNR vs sharp (dB, RGB) |', '| ---: | --- | ---: |',
      ...gaps.map((r) => `| ${r.gap} | ${r.shrinkOnLoad ? 'yes (default)' : 'no'} | ${r.db.toFixed(2)} |`)]
  }
  const md = [
    '# SIMD128 resampler vs the TypeScript passes',
    '',
    `Command: \`pnpm exec tsx benchmarks/resample-simd.bench.ts --runs ${RUNS}\``,
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, load average ${load} at start, ${loadavg()[0]!.toFixed(2)} at the end (the machine is shared: absolute times move, the scalar/SIMD ratio of the same run is what to read). Median of ${RUNS} runs after 2 warm-ups, scalar and SIMD alternating. Inputs: ${corpus ? 'the corpus photo 2725x2225 decoded by sharp, its 1363x1113 resize, the corpus 2048x1536 alpha PNG' : 'generated pictures (corpus absent)'}.`,
    '',
    'Both sides give the same bytes (packages/ops/src/resample/simd/simd-resample.test.ts).',
    '',
    '## Kernels (SIMD: input already in the module\'s memory)',
    '',
    ...kernels,
    '',
    '## Whole resample calls (SIMD: copies into and out of the module included; lanczos3, gap 2)',
    '',
    ...whole,
    '',
    '## Blur and sharpen on the same kernels (whole calls, copies included)',
    '',
    ...filters,
    '',
    '## The whole thumbnail through the engine (2725x2225 JPEG -> 720 wide JPEG Q80: decode at 1/2, resample, encode)',
    '',
    ...engine,
    '',
    '## Thumbnail fidelity per pre-shrink gap (2725x2225 JPEG -> 720 wide, engine, against sharp)',
    '',
    ...fidelity,
    '',
    '## Notes',
    '',
    '- The kernel passes multiply 16-bit pixels by 16-bit weights with `i32x4.dot_i16x8_s` (two taps per 32-bit lane),',
    '  exactly the integer sums of the TypeScript passes; the horizontal pass reads 4 pixels per load and regroups them',
    '  channel by channel, the vertical pass interleaves two rows byte by byte.',
    '- The box pre-shrink gains least: it is memory-bound, and the TypeScript premultiplying box skips clear pixels',
    '  (much of the alpha PNG). With shrink-on-load and gap 2 a JPEG thumbnail never box-shrinks (the residual is < 2x).',
    '- Whole calls pay for copying the source into the module\'s memory and the result out (about 1 ms for the',
    '  thumbnail); the module keeps its memory between calls (fresh memory is slow to touch on this machine).',
    '- Fidelity: with shrink-on-load the gap does not matter for this photo (the residual 1.9x is below every gap);',
    '  what brought it from 34.4 dB to 50.7 dB is resizing only the whole DCT blocks of the scaled decode, as libvips',
    '  does (packages/engine/src/shrink-on-load.ts). Without shrink-on-load (other formats, `shrinkOnLoad: false`)',
    '  gap 2 is what reaches 40 dB.',
    '',
  ].join('\n')
  writeFileSync(OUT, md)
  console.log(`\nwrote ${OUT}`)
}

await main()
