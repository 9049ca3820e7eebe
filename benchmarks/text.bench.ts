/**
 * What shaping text watermarks costs: the bundled fonts (@imgproc/fonts) drawn by @imgproc/ops'
 * renderText with HarfBuzz shaping (the engine's way) and without (glyph by glyph, as before).
 *
 *   pnpm exec tsx benchmarks/text.bench.ts        # prints and writes benchmarks/results/text.md
 *
 * One-time costs are measured once in this fresh process (reading the files, starting HarfBuzz,
 * parsing each font); per-watermark times are medians of 15 runs, the two ways alternating,
 * after 3 warm-up runs each, at 40 px.
 */
import { writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { bundledFilesFor, bundledFontsFor, loadHarfBuzz } from '@imgproc/fonts'
import { createHarfBuzzShaper, parseFont, renderText, type Font } from '@imgproc/ops'

/** Medians of `a` and `b` timed alternately (so both see the same load), after 3 warm-up runs each. */
function pair(a: () => unknown, b: () => unknown, runs = 15): [number, number] {
  for (let i = 0; i < 3; i++) (a(), b())
  const ta: number[] = []
  const tb: number[] = []
  for (let i = 0; i < runs; i++) {
    let start = performance.now()
    a()
    ta.push(performance.now() - start)
    start = performance.now()
    b()
    tb.push(performance.now() - start)
  }
  const mid = (xs: number[]) => xs.sort((x, y) => x - y)[xs.length >> 1]!
  return [mid(ta), mid(tb)]
}

const TEXTS = [
  ['Latin', 'imgproc watermark 2024'],
  ['CJK', '图片服务 文字水印'],
  ['Arabic', 'مرحبا بالعالم'],
  ['Devanagari', 'नमस्ते हिन्दी किताब'],
] as const
const BLACK = { r: 0, g: 0, b: 0, a: 255 }

const since = (start: number) => (performance.now() - start).toFixed(1)
let t = performance.now()
const hb = await loadHarfBuzz()
const hbStart = since(t)
const shaper = createHarfBuzzShaper(hb)

const rows: string[] = []
for (const [script, text] of TEXTS) {
  t = performance.now()
  const bytes = await bundledFontsFor(text, 'wqy-zenhei')
  const read = since(t)
  t = performance.now()
  const fonts: Font[] = bytes.map((b) => parseFont(b))
  const parse = since(t)
  const kb = Math.round(bundledFilesFor(text, 'wqy-zenhei').reduce((sum, face) => sum + face.bytes, 0) / 1024)
  const style = { font: fonts[0]!, fallbacks: fonts.slice(1), size: 40, color: BLACK }
  t = performance.now()
  renderText(text, { ...style, shaper })
  const firstShaped = since(t)
  const [plain, shaped] = pair(() => renderText(text, style), () => renderText(text, { ...style, shaper }))
  rows.push(`| ${script} | ${bytes.length} (${kb} KB) | ${read} | ${parse} | ${firstShaped} | ${plain.toFixed(2)} | ${shaped.toFixed(2)} |`)
}

const body = `## Text watermarks: bundled fonts and shaping

\`pnpm exec tsx benchmarks/text.bench.ts\` on ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}),
Node ${process.versions.node}, load average ${loadavg()[0]!.toFixed(1)} at the end (the cores are shared).

Starting HarfBuzz (compiling and instantiating the 434 KB hb.wasm, once per process): **${hbStart} ms**.

| text | bundled files read | read ms | parse ms | first shaped draw ms | draw, glyph by glyph, ms | draw, shaped, ms |
| --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

"first shaped draw" includes copying the fonts into HarfBuzz's memory (once per font). Glyph
outlines stay opentype.js': HarfBuzz's own outline API (hb-draw) calls back into JavaScript
through function pointers, which harfbuzzjs makes by compiling WebAssembly at run time, and
Cloudflare Workers forbid that; opentype.js reads the same sfnt, so glyph ids agree.
`
console.log(body)
writeFileSync(fileURLToPath(new URL('./results/text.md', import.meta.url)), body)
