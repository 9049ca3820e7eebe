/**
 * Grammar throughput: process strings parsed (and serialized) per second, plus a linear-time check.
 *
 *   pnpm exec tsx benchmarks/grammar.bench.ts            # prints and writes benchmarks/results/grammar.md
 *
 * Method: warm-up (JIT), then 9 runs of a fixed number of iterations; the median run is reported.
 * The side-by-side reference is a naive `split('/')`/`split(',')`/first-`_` splitter that builds plain
 * objects without any validation: the floor of what any JS parser of this grammar can cost.
 */
import { writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { parse, serialize } from '@imgproc/grammar'

const TYPICAL = 'image/resize,m_fill,w_300,h_200/rotate,90/quality,q_80/format,webp'
const WATERMARK = 'image/resize,w_800/watermark,text_SGVsbG8g5Zu-54mH5pyN5YqhIQ,color_FF6A00,size_30,g_se,x_10,y_10/format,jpg'
const OBS = 'image/resize,m_lfit,w_300/crop,w_200,h_200,g_br/rounded-corners,r_10p/format,webp'
const RUNS = 9

function naiveSplit(source: string) {
  const [, ...actions] = source.split('/')
  return actions.map((segment) => {
    const [name, ...tokens] = segment.split(',')
    const params: Record<string, string> = {}
    for (const t of tokens) {
      const i = t.indexOf('_')
      if (i < 0) params.value = t
      else params[t.slice(0, i)] = t.slice(i + 1)
    }
    return { name, params }
  })
}

let sink = 0
function opsPerSecond(iterations: number, fn: () => unknown): number {
  for (let i = 0; i < iterations; i++) if (fn()) sink++ // warm-up
  const rates: number[] = []
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now()
    for (let i = 0; i < iterations; i++) if (fn()) sink++
    rates.push(iterations / ((performance.now() - t0) / 1000))
  }
  rates.sort((a, b) => a - b)
  return rates[RUNS >> 1]!
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
const rows: string[] = []
const lines: string[] = []
function row(label: string, value: number, reference?: number) {
  const ratio = reference ? `${(value / reference).toFixed(2)}×` : ''
  rows.push(`| ${label} | ${fmt(value)} | ${ratio} |`)
  console.log(`${label.padEnd(58)} ${fmt(value).padStart(12)}/s ${ratio}`)
}

const N = 200_000
const naive = opsPerSecond(N, () => naiveSplit(TYPICAL))
const typical = opsPerSecond(N, () => parse(TYPICAL))
row('naive split, no validation (reference), typical 4 actions', naive)
row('`parse` OSS, typical 4 actions (floor 500,000/s)', typical, naive)
row('`parse` OSS, resize + text watermark + format', opsPerSecond(N, () => parse(WATERMARK)), naive)
row('`parse` OBS, 4 actions', opsPerSecond(N, () => parse(OBS, { dialect: 'obs' })), naive)
const ast = parse(TYPICAL)
row('`serialize`, typical 4 actions', opsPerSecond(N, () => serialize(ast)))

// Linear time: cost per character for growing inputs of the same shape, limits raised.
const unit = 'resize,w_100,h_100/'
const scaling: string[] = []
let base = 0
for (const repeat of [16, 64, 256, 1024]) {
  const source = `image/${unit.repeat(repeat)}rotate,90`
  const rate = opsPerSecond(Math.max(200, 400_000 / repeat), () => parse(source, { maxLength: 1e6, maxActions: 1e6 }))
  const nsPerChar = 1e9 / rate / source.length
  if (!base) base = nsPerChar
  scaling.push(`| ${source.length} | ${repeat + 1} | ${nsPerChar.toFixed(1)} | ${(nsPerChar / base).toFixed(2)} |`)
  console.log(`linear check: ${source.length} chars, ${nsPerChar.toFixed(1)} ns/char`)
}
// Adversarial shapes (all separators, long runs) at the OSS cap: rejected or parsed, time per char.
const hostile: string[] = []
for (const [label, source] of [
  ['commas', `image/resize${','.repeat(4084)}`],
  ['underscores in one token', `image/resize,w${'_'.repeat(4082)}`],
  ['slashes (empty actions)', `image/${'/'.repeat(4090)}`],
  ['one-letter actions', `image/${'a/'.repeat(2044)}a`],
  ['base64 text', `image/watermark,text_${'A'.repeat(4075)}`],
] as const) {
  const rate = opsPerSecond(2000, () => {
    try {
      return parse(source)
    } catch {
      return null
    }
  })
  hostile.push(`| ${label} | ${source.length} | ${(1e9 / rate / source.length).toFixed(1)} |`)
}

const cpu = cpus()[0]?.model ?? 'unknown CPU'
const md = [
  '## grammar',
  '',
  'Command: `pnpm exec tsx benchmarks/grammar.bench.ts`',
  `Machine: ${cpus().length} cores (${cpu}), Node ${process.versions.node}. Warm-up, then the median of ${RUNS} runs.`,
  '',
  `Typical string: \`${TYPICAL}\``,
  '',
  '| what | per second | vs naive split |',
  '| --- | ---: | ---: |',
  ...rows,
  '',
  'Linear time (same shape, growing length; limits raised for the measurement):',
  '',
  '| characters | actions | ns per char | relative |',
  '| ---: | ---: | ---: | ---: |',
  ...scaling,
  '',
  'Hostile inputs at the OSS length cap (parsed or rejected):',
  '',
  '| input | characters | ns per char |',
  '| --- | ---: | ---: |',
  ...hostile,
  '',
].join('\n')
writeFileSync(new URL('./results/grammar.md', import.meta.url), md)
if (sink < 0) console.log(sink)
