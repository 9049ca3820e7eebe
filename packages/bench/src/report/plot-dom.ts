import * as Plot from '@observablehq/plot'
import { parseHTML } from 'linkedom'
import type { ChartStyles } from './chart-styles.js'

/**
 * Observable Plot draws the charts at generation time into linkedom's DOM: the page carries
 * finished SVG, so it opens offline, with no charting library, no CDN and no script for charts.
 */
export function chartDocument(): Document {
  return parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document
}

export const outerHtml = (node: Element | SVGElement | HTMLElement) => (node as Element).outerHTML

/**
 * Small multiples as a CSS grid of separate plots, one per facet: each facet keeps its own axes,
 * and the grid wraps to one column on a phone instead of shrinking one wide SVG.
 */
export function facetGrid(chart: string, facets: { key: string; title: string; svg: string }[]): string {
  return `<div class="facets" data-chart="${chart}">${facets
    .map((f) => `<figure class="facet" data-facet="${escapeAttribute(f.key)}"><figcaption>${escapeAttribute(f.title)}</figcaption>${f.svg}</figure>`)
    .join('')}</div>`
}

function escapeAttribute(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** One legend for every chart of the report: colour = contender, shape = codec (HTML that wraps, never cut off). */
export function chartLegend(styles: ChartStyles, document: Document): string {
  // Plot's legend() takes `document` as plot() does, though its types leave it out
  const legend = (options: Plot.LegendScales) => outerHtml(Plot.legend({ ...options, document } as Plot.LegendScales) as Element)
  const colour = legend({ color: { type: 'ordinal', ...styles.colour } })
  const symbol = legend({ symbol: { ...styles.symbol }, fill: '#555' })
  return `<div class="legend"><span class="legend-title">contender (colour)</span>${colour}<span class="legend-title">codec (shape)</span>${symbol}</div>`
}
