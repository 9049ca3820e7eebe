import type { BenchRecord, BenchReport } from '../result.js'
import { chartRows, uniqueInOrder } from './chart-data.js'
import { chartStyles, type ChartStyles } from './chart-styles.js'
import { chartDocument, chartLegend } from './plot-dom.js'
import { qualityChart } from './quality-chart.js'
import { timeChart } from './time-chart.js'
import { escapeHtml, SORT_SCRIPT, sortableTable, type TableCell, type TableColumn } from './sortable-table.js'
import { formatMs } from './terminal-table.js'

const COLUMNS: TableColumn[] = [
  { title: 'task' }, { title: 'contender' }, { title: 'codec' }, { title: 'quality', numeric: true },
  { title: 'median ms', numeric: true }, { title: 'MAD ms', numeric: true }, { title: 'output' },
  { title: 'bytes', numeric: true }, { title: 'bpp', numeric: true }, { title: 'PSNR dB', numeric: true },
  { title: 'SSIM', numeric: true }, { title: 'peak RSS MiB', numeric: true },
]

const num = (value: number | null | undefined, text: (v: number) => string): TableCell =>
  // JSON writes an infinite PSNR (identical pixels) as null
  value === undefined ? { text: '' } : value === null || value === Infinity ? { text: '∞', sort: Infinity } : { text: text(value), sort: value }

function recordCells(r: BenchRecord, rss: number): TableCell[] {
  return [
    { text: r.task }, { text: r.contender }, { text: r.codec ?? '' }, num(r.quality, String),
    num(r.time.median, formatMs), num(r.time.mad, formatMs), { text: `${r.width}×${r.height}` },
    num(r.bytes, String), num(r.bitsPerPixel, (v) => v.toFixed(3)), num(r.psnr, (v) => v.toFixed(2)),
    num(r.ssim, (v) => v.toFixed(4)), num(rss, (v) => v.toFixed(0)),
  ]
}

/** Colours and shapes fixed for the whole report, so a contender looks the same in every chart. */
export function reportStyles(report: BenchReport): ChartStyles {
  const records = report.runs.flatMap((run) => run.records)
  const contenders = uniqueInOrder(records, (r) => r.contender)
  const codecs = uniqueInOrder(chartRows(records), (r) => r.codec)
  return chartStyles(contenders, codecs)
}

/**
 * A self-contained HTML page: per image, the median time of every task (a facet each) and
 * quality against size (a facet per codec ladder or pipeline), drawn by Observable Plot into
 * static SVG, one legend, and the full table, sortable by any column.
 */
export function htmlReport(report: BenchReport): string {
  const document = chartDocument()
  const styles = reportStyles(report)
  const rssOf = new Map(report.runs.map((run) => [run.contender, run.peakRssMiB]))
  const sections: string[] = []
  for (const image of report.images) {
    const records = report.runs.flatMap((run) => run.records).filter((r) => r.image === image.name)
    if (records.length === 0) continue
    const rows = chartRows(records)
    const time = timeChart(rows, styles, document)
    const quality = qualityChart(rows, styles, document)
    const table = sortableTable(COLUMNS, records.map((r) => recordCells(r, rssOf.get(r.contender) ?? 0)))
    sections.push(`<section>
<h2>${escapeHtml(image.name)} <small>${image.width}×${image.height}, ${image.bytes} bytes</small></h2>
${chartLegend(styles, document)}
<h3>Median time per task <small>ms per run; the bar is ± MAD</small></h3>
${time}
${quality ? `<h3>Quality vs size <small>SSIM against the source, by output bytes; a line is one contender's quality ladder</small></h3>\n${quality}` : ''}
<div class="table-wrap">${table}</div>
</section>`)
  }
  const notes = report.runs.flatMap((run) => [
    ...(run.unavailable ? [`${run.contender}: not run (${run.unavailable})`] : []),
    ...run.skipped.map((s) => `${run.contender}: skipped ${s.task} on ${s.image} (${s.reason})`),
  ])
  const m = report.machine
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>imgproc bench</title>
<style>
body{font:14px system-ui,sans-serif;margin:1.5rem auto;max-width:1100px;padding:0 .75rem;color:#222}
h3{margin:1.25rem 0 .25rem;font-size:15px}
.facets{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:.5rem 1rem}
.facet{margin:0}.facet figcaption{font-weight:600;font-size:12px}.facet svg{width:100%;height:auto}
.legend{display:flex;flex-wrap:wrap;align-items:center;gap:0 .75rem}.legend-title{color:#666;font-size:12px}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;margin:1rem 0;font-variant-numeric:tabular-nums}
td,th{border-bottom:1px solid #ddd;padding:.2rem .5rem;text-align:left;white-space:nowrap}.num{text-align:right}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
small{color:#666;font-weight:normal}
</style></head><body>
<h1>imgproc bench</h1>
<p>${escapeHtml(report.startedAt)} · ${m.cpus} × ${escapeHtml(m.cpuModel)}, ${m.memoryGiB} GiB, Node ${escapeHtml(m.node)} ·
${report.warmup} warm-up + ${report.iterations} timed runs per cell · <code>${escapeHtml(report.command)}</code></p>
<p>Hover a point for its exact numbers; click a column header to sort the table.</p>
${sections.join('\n')}
${notes.length ? `<h2>Not run</h2><ul>${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : ''}
<script>
${SORT_SCRIPT}
</script>
</body></html>
`
}
