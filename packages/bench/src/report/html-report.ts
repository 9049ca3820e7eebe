import type { BenchRecord, BenchReport } from '../result.js'
import { escapeXml, scatterChart, type ChartSeries } from './scatter-chart.js'
import { formatMs } from './terminal-table.js'

/** Groups records into chart series: one per contender and codec. */
function seriesBy(records: BenchRecord[], point: (r: BenchRecord) => { x: number; y: number } | null): ChartSeries[] {
  const map = new Map<string, ChartSeries>()
  for (const r of records) {
    const p = point(r)
    if (!p) continue
    const name = r.codec ? `${r.contender} ${r.codec}` : r.contender
    const series = map.get(name) ?? { name, points: [] }
    series.points.push({ ...p, label: `${r.task} q${r.quality ?? '-'}: ${formatMs(r.time.median)} ms, ${r.bytes ?? '?'} B` })
    map.set(name, series)
  }
  return [...map.values()]
}

function recordRow(r: BenchRecord, rss: number): string {
  const cells = [
    r.task, r.contender, formatMs(r.time.median), formatMs(r.time.mad), `${r.width}×${r.height}`,
    r.bytes ?? '', r.bitsPerPixel?.toFixed(3) ?? '',
    r.psnr === undefined ? '' : Number.isFinite(r.psnr) ? r.psnr.toFixed(2) : '∞',
    r.ssim?.toFixed(4) ?? '', rss.toFixed(0),
  ]
  return `<tr>${cells.map((c) => `<td>${escapeXml(String(c))}</td>`).join('')}</tr>`
}

/**
 * A self-contained HTML page: per image, a time-vs-size chart and a quality-vs-size chart for
 * the encoding tasks (one series per contender and codec), then the full table.
 */
export function htmlReport(report: BenchReport): string {
  const sections: string[] = []
  const rssOf = new Map(report.runs.map((run) => [run.contender, run.peakRssMiB]))
  for (const image of report.images) {
    const records = report.runs.flatMap((run) => run.records).filter((r) => r.image === image.name)
    if (records.length === 0) continue
    const encoded = records.filter((r) => r.bytes !== undefined)
    const timeVsSize = scatterChart({
      title: `${image.name}: time vs size`,
      xLabel: 'median time (ms, log)',
      yLabel: 'output bytes',
      xLog: true,
      series: seriesBy(encoded, (r) => ({ x: r.time.median, y: r.bytes! })),
    })
    const qualityVsSize = scatterChart({
      title: `${image.name}: quality vs size`,
      xLabel: 'bits per pixel',
      yLabel: 'SSIM',
      series: seriesBy(encoded, (r) => (r.ssim === undefined || r.bitsPerPixel === undefined ? null : { x: r.bitsPerPixel, y: r.ssim })),
    })
    const rows = records
      .sort((a, b) => a.task.localeCompare(b.task) || a.time.median - b.time.median)
      .map((r) => recordRow(r, rssOf.get(r.contender) ?? 0))
      .join('\n')
    sections.push(`<section>
<h2>${escapeXml(image.name)} <small>${image.width}×${image.height}, ${image.bytes} bytes</small></h2>
<div class="charts">${timeVsSize}${qualityVsSize}</div>
<table><thead><tr><th>task</th><th>contender</th><th>median ms</th><th>MAD ms</th><th>output</th><th>bytes</th><th>bpp</th><th>PSNR dB</th><th>SSIM</th><th>peak RSS MiB</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</section>`)
  }
  const notes = report.runs.flatMap((run) => [
    ...(run.unavailable ? [`${run.contender}: not run (${run.unavailable})`] : []),
    ...run.skipped.map((s) => `${run.contender}: skipped ${s.task} on ${s.image} (${s.reason})`),
  ])
  const m = report.machine
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>imgproc bench</title>
<style>
body{font:14px system-ui,sans-serif;margin:2rem auto;max-width:1320px;color:#222}
table{border-collapse:collapse;margin:1rem 0;font-variant-numeric:tabular-nums}
td,th{border-bottom:1px solid #ddd;padding:.25rem .6rem;text-align:right}
td:nth-child(-n+2),th:nth-child(-n+2){text-align:left}
.charts{display:flex;flex-wrap:wrap;gap:1rem}
small{color:#666;font-weight:normal}
</style></head><body>
<h1>imgproc bench</h1>
<p>${escapeXml(report.startedAt)} · ${m.cpus} × ${escapeXml(m.cpuModel)}, ${m.memoryGiB} GiB, Node ${escapeXml(m.node)} ·
${report.warmup} warm-up + ${report.iterations} timed runs per cell · <code>${escapeXml(report.command)}</code></p>
${sections.join('\n')}
${notes.length ? `<h2>Not run</h2><ul>${notes.map((n) => `<li>${escapeXml(n)}</li>`).join('')}</ul>` : ''}
</body></html>
`
}
