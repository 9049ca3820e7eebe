import type { BenchRecord, BenchReport } from '../result.js'
import { formatMs } from './terminal-table.js'

const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`

/** Time of `contender` divided by the baseline's, per task and image ('' when either is missing). */
export function ratio(records: BenchRecord[], image: string, task: string, contender: string, baseline: string): string {
  const of = (name: string) => records.find((r) => r.image === image && r.task === task && r.contender === name)
  const a = of(contender)
  const b = of(baseline)
  return a && b ? `${(a.time.median / b.time.median).toFixed(2)}x` : ''
}

/**
 * Markdown for benchmarks/RESULTS.md: a summary of imgproc's time as a ratio to each peer
 * (below 1 means imgproc is faster), then every cell in full.
 */
export function markdownReport(report: BenchReport, subject = 'imgproc'): string {
  const records = report.runs.flatMap((run) => run.records)
  const peers = report.runs.map((run) => run.contender).filter((name) => name !== subject)
  const m = report.machine
  const lines = [
    `Command: \`${report.command}\``,
    '',
    `Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}. ${report.warmup} warm-up + ${report.iterations} timed runs per cell; median. Run at ${report.startedAt}.`,
    '',
    `### Summary: ${subject}'s median time ÷ each peer's (below 1.00x = ${subject} faster)`,
    '',
    row(['image', 'task', `${subject} ms`, ...peers.map((p) => `÷ ${p}`)]),
    row(['---', '---', '---:', ...peers.map(() => '---:')]),
  ]
  for (const image of report.images) {
    const tasks = [...new Set(records.filter((r) => r.image === image.name && r.contender === subject).map((r) => r.task))]
    for (const task of tasks) {
      const mine = records.find((r) => r.image === image.name && r.task === task && r.contender === subject)!
      lines.push(row([image.name, task, formatMs(mine.time.median), ...peers.map((p) => ratio(records, image.name, task, subject, p))]))
    }
  }
  lines.push('', '### Every cell', '')
  lines.push(row(['image', 'task', 'contender', 'median ms', 'MAD ms', 'output', 'bytes', 'bpp', 'PSNR dB', 'SSIM', 'peak RSS MiB']))
  lines.push(row(['---', '---', '---', '---:', '---:', '---', '---:', '---:', '---:', '---:', '---:']))
  const rss = new Map(report.runs.map((run) => [run.contender, run.peakRssMiB]))
  for (const r of [...records].sort((a, b) => a.image.localeCompare(b.image) || a.task.localeCompare(b.task) || a.time.median - b.time.median)) {
    lines.push(row([
      r.image, r.task, r.contender, formatMs(r.time.median), formatMs(r.time.mad), `${r.width}×${r.height}`,
      r.bytes ?? '', r.bitsPerPixel?.toFixed(3) ?? '',
      r.psnr === undefined ? '' : Number.isFinite(r.psnr) ? r.psnr.toFixed(2) : '∞', r.ssim?.toFixed(4) ?? '',
      (rss.get(r.contender) ?? 0).toFixed(0),
    ]))
  }
  const notes = report.runs.flatMap((run) => [
    ...(run.description ? [`- ${run.contender}: ${run.description}`] : []),
    ...(run.unavailable ? [`- ${run.contender}: not run (${run.unavailable})`] : []),
    ...run.skipped.map((s) => `- ${run.contender}: skipped ${s.task} on ${s.image} (${s.reason})`),
  ])
  if (notes.length) lines.push('', '### Contenders and cells not run', '', ...notes)
  return lines.join('\n')
}
