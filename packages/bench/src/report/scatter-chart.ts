import { linearScale, logScale, type Scale } from './scale.js'

export interface ChartPoint {
  x: number
  y: number
  /** shown on hover */
  label: string
}

export interface ChartSeries {
  name: string
  points: ChartPoint[]
}

export interface ScatterChartOptions {
  title: string
  xLabel: string
  yLabel: string
  series: ChartSeries[]
  /** log scale on x (timings that span orders of magnitude) */
  xLog?: boolean
  width?: number
  height?: number
}

/** Colour-blind-safe palette (Okabe-Ito), one colour per series in order. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#F0E442', '#000000']

const MARGIN = { top: 36, right: 140, bottom: 48, left: 64 }

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/**
 * A self-contained SVG scatter chart (no script, no external assets) with axes, ticks, a legend,
 * and a <title> per point so hovering shows what it is. Series are joined by a faint line in x order
 * so a codec's quality ladder reads as a curve.
 */
export function scatterChart(options: ScatterChartOptions): string {
  const width = options.width ?? 640
  const height = options.height ?? 360
  const plotRight = width - MARGIN.right
  const plotBottom = height - MARGIN.bottom
  const all = options.series.flatMap((s) => s.points)
  const xs = all.map((p) => p.x)
  const ys = all.map((p) => p.y)
  const xMin = xs.length ? Math.min(...xs) : 0
  const xMax = xs.length ? Math.max(...xs) : 1
  const yMin = ys.length ? Math.min(0, ...ys) : 0
  const yMax = ys.length ? Math.max(...ys) : 1
  const x: Scale = options.xLog && xMin > 0
    ? logScale(xMin, xMax, MARGIN.left, plotRight)
    : linearScale(xMin, xMax, MARGIN.left, plotRight)
  const y: Scale = linearScale(yMin, yMax, plotBottom, MARGIN.top)

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif" font-size="11" role="img">`,
    `<title>${escapeXml(options.title)}</title>`,
    `<text x="${MARGIN.left}" y="20" font-size="14" font-weight="600">${escapeXml(options.title)}</text>`,
  ]
  for (const t of x.ticks) {
    const px = x.map(t).toFixed(1)
    parts.push(`<line x1="${px}" x2="${px}" y1="${MARGIN.top}" y2="${plotBottom}" stroke="#eee"/>`)
    parts.push(`<text x="${px}" y="${plotBottom + 16}" text-anchor="middle">${escapeXml(x.format(t))}</text>`)
  }
  for (const t of y.ticks) {
    const py = y.map(t).toFixed(1)
    parts.push(`<line x1="${MARGIN.left}" x2="${plotRight}" y1="${py}" y2="${py}" stroke="#eee"/>`)
    parts.push(`<text x="${MARGIN.left - 6}" y="${py}" text-anchor="end" dominant-baseline="middle">${escapeXml(y.format(t))}</text>`)
  }
  parts.push(`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotRight - MARGIN.left}" height="${plotBottom - MARGIN.top}" fill="none" stroke="#999"/>`)
  parts.push(`<text x="${(MARGIN.left + plotRight) / 2}" y="${height - 10}" text-anchor="middle">${escapeXml(options.xLabel)}</text>`)
  parts.push(`<text transform="translate(14 ${(MARGIN.top + plotBottom) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(options.yLabel)}</text>`)

  options.series.forEach((series, index) => {
    const colour = PALETTE[index % PALETTE.length]
    const sorted = [...series.points].sort((a, b) => a.x - b.x)
    if (sorted.length > 1) {
      const path = sorted.map((p) => `${x.map(p.x).toFixed(1)},${y.map(p.y).toFixed(1)}`).join(' ')
      parts.push(`<polyline points="${path}" fill="none" stroke="${colour}" stroke-opacity="0.35"/>`)
    }
    for (const p of sorted) {
      parts.push(
        `<circle cx="${x.map(p.x).toFixed(1)}" cy="${y.map(p.y).toFixed(1)}" r="4" fill="${colour}"><title>${escapeXml(`${series.name}: ${p.label}`)}</title></circle>`,
      )
    }
    const ly = MARGIN.top + 8 + index * 18
    parts.push(`<circle cx="${plotRight + 16}" cy="${ly}" r="5" fill="${colour}"/>`)
    parts.push(`<text x="${plotRight + 26}" y="${ly}" dominant-baseline="middle">${escapeXml(series.name)}</text>`)
  })
  parts.push('</svg>')
  return parts.join('\n')
}
