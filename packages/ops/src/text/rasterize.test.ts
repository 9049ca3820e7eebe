import { describe, expect, it } from 'vitest'
import { CoverageCanvas } from './rasterize.js'

function square(canvas: CoverageCanvas, x0: number, y0: number, x1: number, y1: number, clockwise = true): void {
  const pts = clockwise ? [[x0, y0], [x1, y0], [x1, y1], [x0, y1]] : [[x0, y0], [x0, y1], [x1, y1], [x1, y0]]
  for (let i = 0; i < 4; i++) {
    const [ax, ay] = pts[i]!
    const [bx, by] = pts[(i + 1) % 4]!
    canvas.line(ax!, ay!, bx!, by!)
  }
}

describe('CoverageCanvas', () => {
  it('fills a pixel-aligned square exactly and nothing else', () => {
    const canvas = new CoverageCanvas(6, 6)
    square(canvas, 1, 2, 4, 5)
    const cover = canvas.coverage()
    for (let y = 0; y < 6; y++)
      for (let x = 0; x < 6; x++) expect(cover[y * 6 + x]).toBe(x >= 1 && x < 4 && y >= 2 && y < 5 ? 255 : 0)
  })

  it('gives half coverage to pixels a half-pixel edge cuts (anti-aliasing)', () => {
    const canvas = new CoverageCanvas(4, 2)
    square(canvas, 0.5, 0, 2.5, 2)
    const cover = canvas.coverage()
    expect(Array.from(cover.subarray(0, 4))).toEqual([128, 255, 128, 0])
  })

  it('uses non-zero winding: overlapping same-direction shapes stay covered, a reversed inner one cuts a hole', () => {
    const same = new CoverageCanvas(6, 1)
    square(same, 0, 0, 4, 1)
    square(same, 2, 0, 6, 1)
    expect(Array.from(same.coverage())).toEqual([255, 255, 255, 255, 255, 255])
    const hole = new CoverageCanvas(6, 1)
    square(hole, 0, 0, 6, 1)
    square(hole, 2, 0, 4, 1, false)
    expect(Array.from(hole.coverage())).toEqual([255, 255, 0, 0, 255, 255])
  })

  it('covers a curve-bounded shape with an area close to the true one', () => {
    // a disc of radius 20 from four cubic arcs: area pi r^2 within 1%
    const canvas = new CoverageCanvas(50, 50)
    const k = 0.5523 * 20
    const c = 25
    canvas.cubic(c + 20, c, c + 20, c + k, c + k, c + 20, c, c + 20)
    canvas.cubic(c, c + 20, c - k, c + 20, c - 20, c + k, c - 20, c)
    canvas.cubic(c - 20, c, c - 20, c - k, c - k, c - 20, c, c - 20)
    canvas.cubic(c, c - 20, c + k, c - 20, c + 20, c - k, c + 20, c)
    const area = canvas.coverage().reduce((sum, v) => sum + v / 255, 0)
    expect(Math.abs(area - Math.PI * 400) / (Math.PI * 400)).toBeLessThan(0.01)
  })
})
