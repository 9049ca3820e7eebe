import * as Plot from '@observablehq/plot'
import { chooseAxis, formatTick, normalize, type AxisSpec } from './axis.js'
import { uniqueInOrder, type ChartRow } from './chart-data.js'
import type { ChartStyles } from './chart-styles.js'
import { facetGrid, outerHtml } from './plot-dom.js'
import { formatMs } from './terminal-table.js'

/** What the time chart draws: a facet per task, all on one time axis. */
export interface TimeChartSpec {
  facets: { task: string; rows: ChartRow[] }[]
  contenders: string[]
  x: AxisSpec
}

export function timeChartSpec(rows: readonly ChartRow[], styles: ChartStyles): TimeChartSpec {
  return {
    facets: uniqueInOrder(rows, (r) => r.task).map((task) => ({ task, rows: rows.filter((r) => r.task === task) })),
    contenders: styles.colour.domain.filter((c) => rows.some((r) => r.contender === c)),
    // one axis for every task, so a facet's position says how slow the task is against the others
    x: chooseAxis(rows.flatMap((r) => [r.ms, r.ms + r.mad])),
  }
}

/**
 * Median time per task: one facet per task, one row per contender, a dot coloured by contender
 * and shaped by codec, its ± MAD as a rule and its value as a direct label. On a log axis when
 * tasks span decades (a decode in 20 ms, an AVIF encode in 5 s).
 */
export function timeChart(rows: readonly ChartRow[], styles: ChartStyles, document: Document): string {
  if (rows.length === 0) return ''
  const spec = timeChartSpec(rows, styles)
  const { x } = spec
  // values right of a point, or left of it near the right edge, so none runs off the facet
  const right = (d: ChartRow) => normalize(x, d.ms) < 0.72
  return facetGrid('time', spec.facets.map(({ task, rows: data }) => ({
    key: task,
    title: task,
    svg: outerHtml(Plot.plot({
      document, width: 320, height: spec.contenders.length * 18 + 44,
      marginLeft: 92, marginRight: 10, marginTop: 8, marginBottom: 32,
      style: { fontSize: '11px', overflow: 'visible' },
      x: { type: x.type, domain: x.domain, label: `ms${x.type === 'log' ? ' (log)' : ''} →`, labelAnchor: 'right', grid: true, ticks: 4, tickFormat: formatTick },
      y: { domain: spec.contenders, label: null, padding: 0.3 },
      color: styles.colour, symbol: styles.symbol,
      marks: [
        Plot.frame({ stroke: '#ccc' }),
        Plot.ruleY(data, {
          y: 'contender', stroke: 'contender', strokeOpacity: 0.45, strokeWidth: 2,
          x1: (d: ChartRow) => Math.max(d.ms - d.mad, x.domain[0]), x2: (d: ChartRow) => d.ms + d.mad,
        }),
        Plot.dot(data, {
          x: 'ms', y: 'contender', fill: 'contender', symbol: 'codec', r: 4.5,
          title: (d: ChartRow) => `${d.series} · ${d.task}: ${formatMs(d.ms)} ms ± ${formatMs(d.mad)}`,
        }),
        ...([true, false] as const).map((toRight) => Plot.text(data.filter((d) => right(d) === toRight), {
          x: 'ms', y: 'contender', text: (d: ChartRow) => formatMs(d.ms), dx: toRight ? 8 : -8,
          textAnchor: toRight ? 'start' : 'end', fill: '#333', stroke: 'white', strokeWidth: 3,
        })),
      ],
    }) as Element),
  })))
}
