import { describe, expect, it } from 'vitest'
import { escapeXml, PALETTE, scatterChart } from './scatter-chart.js'

const circles = (svg: string) =>
  [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)" r="4" fill="([^"]+)"><title>([^<]*)<\/title>/g)].map((m) => ({
    cx: Number(m[1]),
    cy: Number(m[2]),
    fill: m[3],
    title: m[4],
  }))

describe('scatterChart', () => {
  const svg = scatterChart({
    title: 'Size vs time',
    xLabel: 'ms',
    yLabel: 'bytes',
    width: 640,
    height: 360,
    series: [
      { name: 'imgproc', points: [{ x: 10, y: 1000, label: 'q80' }, { x: 20, y: 2000, label: 'q90' }] },
      { name: 'sharp <fast>', points: [{ x: 5, y: 1500, label: 'q80' }] },
    ],
  })

  it('draws one marker per point, inside the plot area, coloured per series', () => {
    const marks = circles(svg)
    expect(marks).toHaveLength(3)
    for (const m of marks) {
      expect(m.cx).toBeGreaterThanOrEqual(64)
      expect(m.cx).toBeLessThanOrEqual(640 - 140)
      expect(m.cy).toBeGreaterThanOrEqual(36)
      expect(m.cy).toBeLessThanOrEqual(360 - 48)
    }
    expect(marks.filter((m) => m.fill === PALETTE[0])).toHaveLength(2)
    expect(marks.filter((m) => m.fill === PALETTE[1])).toHaveLength(1)
  })

  it('keeps order: a larger value sits further right and higher', () => {
    const [a, b] = circles(svg).filter((m) => m.fill === PALETTE[0])
    expect(b!.cx).toBeGreaterThan(a!.cx)
    expect(b!.cy).toBeLessThan(a!.cy)
  })

  it('escapes text so series names cannot break the markup', () => {
    expect(svg).toContain('sharp &#60;fast&#62;')
    expect(svg).not.toContain('<fast>')
    expect(escapeXml(`a&b"'`)).toBe('a&#38;b&#34;&#39;')
  })

  it('renders an empty chart without NaN', () => {
    const empty = scatterChart({ title: 't', xLabel: 'x', yLabel: 'y', series: [] })
    expect(empty).toContain('<svg')
    expect(empty).not.toContain('NaN')
  })

  it('places powers of ten evenly on a log axis', () => {
    const log = scatterChart({
      title: 't', xLabel: 'x', yLabel: 'y', xLog: true,
      series: [{ name: 's', points: [1, 10, 100].map((x) => ({ x, y: 1, label: `${x}` })) }],
    })
    const [p1, p10, p100] = circles(log)
    expect(p10!.cx - p1!.cx).toBeCloseTo(p100!.cx - p10!.cx, 0)
  })
})
