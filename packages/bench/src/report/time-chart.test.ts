import { parseHTML } from 'linkedom'
import { describe, expect, it } from 'vitest'
import { fullSampleReport } from '../testing/sample-report.js'
import { chartRows, uniqueInOrder } from './chart-data.js'
import { chartDocument } from './plot-dom.js'
import { reportStyles } from './html-report.js'
import { timeChart, timeChartSpec } from './time-chart.js'

describe('timeChart', () => {
  const report = fullSampleReport()
  const rows = chartRows(report.runs.flatMap((run) => run.records))
  const styles = reportStyles(report)

  it('has one facet per task on one log time axis (2 ms to 15 s span decades)', () => {
    const spec = timeChartSpec(rows, styles)
    expect(spec.facets.map((f) => f.task)).toEqual(uniqueInOrder(rows, (r) => r.task))
    expect(spec.facets).toHaveLength(15)
    for (const facet of spec.facets) expect(new Set(facet.rows.map((r) => r.task))).toEqual(new Set([facet.task]))
    expect(spec.x.type).toBe('log')
    expect(spec.contenders).toEqual(['imgproc', 'sharp', 'sharp-default', 'wasm-vips', 'jsquash', 'jimp'])
  })

  it('draws a dot and a value label per cell, a distinct colour/shape pair per series', () => {
    const { document } = parseHTML(`<body>${timeChart(rows, styles, chartDocument())}</body>`)
    const facets = [...document.querySelectorAll('.facet')]
    expect(facets.map((f) => f.getAttribute('data-facet'))).toHaveLength(15)
    const marks = [...document.querySelectorAll('g[aria-label=dot] path')]
    expect(marks).toHaveLength(rows.length)
    const style = new Map<string, string>()
    for (const mark of marks) {
      const series = mark.querySelector('title')!.textContent!.split(' · ')[0]!
      const pair = `${mark.getAttribute('fill')} ${mark.getAttribute('d')}`
      expect(style.get(series) ?? pair, series).toBe(pair)
      style.set(series, pair)
    }
    expect(new Set(style.values()).size).toBe(style.size)
    expect(style.size).toBe(new Set(rows.map((r) => r.series)).size)
    expect(document.querySelectorAll('g[aria-label=text] text').length).toBe(rows.length)
  })
})
