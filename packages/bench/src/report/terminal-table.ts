import type { BenchReport, BenchRecord } from '../result.js'

/** Pads cells into aligned columns; numbers right-aligned. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => /^([-±]?\d|∞|$)/.test(r[i] ?? '')))
  const line = (cells: string[]) =>
    cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd()
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}

export function formatMs(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2)
}

function qualityCells(r: BenchRecord): string[] {
  return [
    r.bytes === undefined ? '' : String(r.bytes),
    r.bitsPerPixel === undefined ? '' : r.bitsPerPixel.toFixed(3),
    r.psnr === undefined ? '' : Number.isFinite(r.psnr) ? r.psnr.toFixed(2) : '∞',
    r.ssim === undefined ? '' : r.ssim.toFixed(4),
  ]
}

/** One table per image: every task and contender, with the time relative to the fastest. */
export function terminalReport(report: BenchReport): string {
  const out: string[] = []
  const records = report.runs.flatMap((run) => run.records.map((r) => ({ ...r, rss: run.peakRssMiB })))
  for (const image of report.images) {
    const mine = records.filter((r) => r.image === image.name)
    if (mine.length === 0) continue
    const fastest = new Map<string, number>()
    for (const r of mine) fastest.set(r.task, Math.min(fastest.get(r.task) ?? Infinity, r.time.median))
    const rows = mine
      .sort((a, b) => a.task.localeCompare(b.task) || a.time.median - b.time.median)
      .map((r) => [
        r.task,
        r.contender,
        formatMs(r.time.median),
        `±${formatMs(r.time.mad)}`,
        `${(r.time.median / fastest.get(r.task)!).toFixed(2)}x`,
        `${r.width}x${r.height}`,
        ...qualityCells(r),
        `${r.rss.toFixed(0)}`,
      ])
    out.push(`${image.name} (${image.width}x${image.height}, ${image.bytes} bytes)`)
    out.push(
      formatTable(['task', 'contender', 'median ms', 'MAD', 'vs best', 'output', 'bytes', 'bpp', 'PSNR', 'SSIM', 'peak RSS MiB'], rows),
    )
    out.push('')
  }
  for (const run of report.runs) {
    if (run.unavailable) out.push(`${run.contender}: not run (${run.unavailable})`)
    for (const s of run.skipped) out.push(`${run.contender}: skipped ${s.task} on ${s.image} (${s.reason})`)
  }
  return out.join('\n')
}
