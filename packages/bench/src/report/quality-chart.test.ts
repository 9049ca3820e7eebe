import { parseHTML } from 'linkedom'
import { describe, expect, it } from 'vitest'
import { fullSampleReport } from '../testing/sample-report.js'
import { chartRows } from './chart-data.js'
import { reportStyles } from './html-report.js'
import { chartDocument } from './plot-dom.js'
import { qualityChart, qualityChartSpec } from './quality-chart.js'

describe('qualityChart', () => {
  const report = fullSampleReport()
  const rows = chartRows(report.runs.flatMap((run) => run.records))

  it('has one facet per codec ladder or pipeline, and only scored outputs', () => {
    const facets = qualityChartSpec(rows)
    expect(facets.map((f) => f.family)).toEqual([
      'encode jpeg', 'encode webp', 'encode avif', 'encode png', 'thumbnail-jpeg-720', 'thumbnail-png-320', 'convert-webp', 'convert-avif',
    ])
    expect(facets[0]!.title).toBe('encode jpeg q50/75/90')
    for (const facet of facets) {
      expect(new Set(facet.rows.map((r) => r.family))).toEqual(new Set([facet.family]))
      expect(facet.rows.every((r) => r.bytes! > 0 && r.ssim! > 0)).toBe(true)
    }
  })

  it('puts SSIM on the data\'s range and bytes on log only where they span a decade', () => {
    for (const facet of qualityChartSpec(rows)) {
      const ssims = facet.rows.map((r) => r.ssim!)
      expect(facet.y.domain[0]).toBeGreaterThan(0.5)
      expect(facet.y.domain[0]).toBeLessThanOrEqual(Math.min(...ssims))
      const bytes = facet.rows.map((r) => r.bytes!)
      expect(facet.x.type).toBe(Math.max(...bytes) / Math.min(...bytes) >= 10 ? 'log' : 'linear')
    }
    const wide = qualityChartSpec(rows.map((r) => (r.family === 'encode webp' && r.quality === 50 ? { ...r, bytes: r.bytes! / 100 } : r)))
    expect(wide.find((f) => f.family === 'encode webp')!.x.type).toBe('log')
  })

  it('labels every series in every facet, and a line never leaves its facet', () => {
    const facets = qualityChartSpec(rows)
    for (const facet of facets) {
      const named = facet.labels.flatMap((l) => l.text.split(' · '))
      expect(new Set(named)).toEqual(new Set(facet.rows.map((r) => r.contender)))
    }
    const { document } = parseHTML(`<body>${qualityChart(rows, reportStyles(report), chartDocument())}</body>`)
    const rendered = [...document.querySelectorAll('.facet')]
    expect(rendered).toHaveLength(facets.length)
    for (const [i, facet] of rendered.entries()) {
      // one path per contender's ladder in this facet, and as many dots as this facet's rows
      expect(facet.querySelectorAll('g[aria-label=line] path').length).toBe(new Set(facets[i]!.rows.map((r) => r.series)).size)
      expect(facet.querySelectorAll('g[aria-label=dot] path').length).toBe(facets[i]!.rows.length)
      expect(facet.querySelectorAll('g[aria-label=text] text').length).toBe(facets[i]!.labels.length)
    }
  })
})
