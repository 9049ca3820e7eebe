import * as Plot from '@observablehq/plot'
import { chooseAxis, formatTick, ssimAxis, type AxisSpec } from './axis.js'
import { uniqueInOrder, type ChartRow } from './chart-data.js'
import type { ChartStyles } from './chart-styles.js'
import { dodgeLabels, seriesLabels, type DirectLabel } from './direct-labels.js'
import { facetGrid, outerHtml } from './plot-dom.js'
import { formatMs } from './terminal-table.js'

const WIDTH = 320
const HEIGHT = 240
const MARGIN = { top: 22, right: 12, bottom: 34, left: 46 }

/** What the quality chart draws: a facet per codec ladder or pipeline, each on its own axes. */
export interface QualityFacet {
  family: string
  title: string
  rows: ChartRow[]
  x: AxisSpec
  y: AxisSpec
  labels: DirectLabel[]
}

export function qualityChartSpec(rows: readonly ChartRow[]): QualityFacet[] {
  const scored = rows.filter((r) => r.bytes !== undefined && r.ssim !== undefined)
  return uniqueInOrder(scored, (r) => r.family).map((family) => {
    // in quality order, so a line walks one contender's ladder from q50 up
    const data = scored.filter((r) => r.family === family).sort((a, b) => (a.quality ?? 0) - (b.quality ?? 0))
    const x = chooseAxis(data.map((r) => r.bytes!))
    const y = ssimAxis(data.map((r) => r.ssim!))
    const qualities = uniqueInOrder(data, (r) => String(r.quality ?? ''))
    const labels = dodgeLabels(
      seriesLabels(data.map((r) => ({ facet: family, series: r.series, text: r.contender, x: r.bytes!, y: r.ssim!, rank: r.quality ?? 0 }))),
      { x, y, width: WIDTH - MARGIN.left - MARGIN.right, height: HEIGHT - MARGIN.top - MARGIN.bottom },
    )
    const title = family.startsWith('encode ') && qualities.length > 1 ? `${family} q${qualities.join('/')}` : family
    return { family, title, rows: data, x, y, labels }
  })
}

/**
 * Quality against size: one facet per codec's encode ladder or pipeline, output bytes on x (log
 * when they span decades), SSIM on y over the data's range. A line joins only one contender's
 * quality ladder inside one facet; each series is labelled at its highest quality.
 */
export function qualityChart(rows: readonly ChartRow[], styles: ChartStyles, document: Document): string {
  const facets = qualityChartSpec(rows)
  if (facets.length === 0) return ''
  return facetGrid('quality', facets.map(({ family, title, rows: data, x, y, labels }) => ({
    key: family,
    title,
    svg: outerHtml(Plot.plot({
      document, width: WIDTH, height: HEIGHT,
      marginTop: MARGIN.top, marginRight: MARGIN.right, marginBottom: MARGIN.bottom, marginLeft: MARGIN.left,
      style: { fontSize: '11px', overflow: 'visible' },
      x: { type: x.type, domain: x.domain, label: `bytes${x.type === 'log' ? ' (log)' : ''} →`, labelAnchor: 'right', grid: true, ticks: 4, tickFormat: formatTick },
      y: { type: y.type, domain: y.domain, label: '↑ SSIM', grid: true, ticks: 5, tickFormat: (v: number) => v.toFixed(y.domain[1] - y.domain[0] < 0.05 ? 3 : 2) },
      color: styles.colour, symbol: styles.symbol,
      marks: [
        Plot.frame({ stroke: '#ccc' }),
        Plot.line(data, { x: 'bytes', y: 'ssim', z: 'series', stroke: 'contender', strokeOpacity: 0.6 }),
        Plot.dot(data, {
          x: 'bytes', y: 'ssim', fill: 'contender', symbol: 'codec', r: 4.5,
          title: (d: ChartRow) => `${d.series} · ${d.task}: ${d.bytes} bytes, SSIM ${d.ssim!.toFixed(4)}, ${formatMs(d.ms)} ms`,
        }),
        // a thin leader from a label that had to move to the point it names
        Plot.link(labels.filter((l) => l.y !== l.pointY), {
          x1: 'pointX', y1: 'pointY', x2: 'x', y2: 'y', stroke: '#aaa', strokeWidth: 0.75,
        }),
        ...(['right', 'left'] as const).map((side) => Plot.text(labels.filter((l) => l.side === side), {
          x: 'x', y: 'y', text: 'text', dx: side === 'right' ? 7 : -7, textAnchor: side === 'right' ? 'start' : 'end',
          fill: '#222', stroke: 'white', strokeWidth: 3,
        })),
      ],
    }) as Element),
  })))
}
