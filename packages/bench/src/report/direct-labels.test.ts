import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { chooseAxis } from './axis.js'
import { dodgeLabels, seriesLabels, type LabelledPoint } from './direct-labels.js'

const point = (series: string, x: number, y: number, rank: number, facet = 'f'): LabelledPoint => ({ facet, series, text: series, x, y, rank })

describe('seriesLabels', () => {
  it('labels each series once per facet, at its highest-ranked point', () => {
    const labels = seriesLabels([point('a', 1, 0.9, 50), point('a', 3, 0.99, 90), point('a', 2, 0.95, 75), point('a', 5, 0.9, 1, 'g')])
    expect(labels.map((l) => [l.facet, l.x, l.y])).toEqual([['f', 3, 0.99], ['g', 5, 0.9]])
  })

  it('shares one label between series that end on the same point', () => {
    const labels = seriesLabels([point('sharp', 2, 0.9, 1), point('sharp-default', 2, 0.9, 1), point('jimp', 3, 0.9, 1)])
    expect(labels.map((l) => l.text)).toEqual(['sharp · sharp-default', 'jimp'])
  })
})

describe('dodgeLabels', () => {
  const layout = { x: chooseAxis([1, 100]), y: chooseAxis([0, 1]), width: 260, height: 180 }

  it('moves labels that would overlap apart, keeping the point each names', () => {
    const labels = seriesLabels([point('one', 10, 0.5, 1), point('two', 10.2, 0.501, 1)])
    const placed = dodgeLabels(labels, layout)
    const px = (y: number) => (1 - (y - layout.y.domain[0]) / (layout.y.domain[1] - layout.y.domain[0])) * layout.height
    expect(Math.abs(px(placed[0]!.y) - px(placed[1]!.y))).toBeGreaterThanOrEqual(12 - 1e-9)
    expect(placed.map((l) => l.pointY).sort()).toEqual([0.5, 0.501])
  })

  it('runs a label leftwards from a point near the right edge', () => {
    expect(dodgeLabels(seriesLabels([point('right edge', 90, 0.5, 1), point('left', 1.2, 0.5, 1)]), layout).map((l) => [l.text, l.side]))
      .toEqual([['right edge', 'left'], ['left', 'right']])
  })

  it('never leaves two labels of a facet overlapping while there is room', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.double({ min: 1.1, max: 90, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { maxLength: 8 }), (points) => {
      const placed = dodgeLabels(seriesLabels(points.map(([x, y], i) => point(`s${i}`, x, y, 1))), { ...layout, height: 400 })
      const box = (l: (typeof placed)[number]) => {
        const px = ((Math.log(l.x) - Math.log(layout.x.domain[0])) / (Math.log(layout.x.domain[1]) - Math.log(layout.x.domain[0]))) * layout.width
        const w = l.text.length * 6 + 8
        const top = (1 - (l.y - layout.y.domain[0]) / (layout.y.domain[1] - layout.y.domain[0])) * 400
        return { left: l.side === 'right' ? px : px - w, right: l.side === 'right' ? px + w : px, top }
      }
      const boxes = placed.map(box)
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i]!, boxes[j]!]
          const overlap = a.left < b.right && b.left < a.right && Math.abs(a.top - b.top) < 12 - 1e-6
          expect(overlap).toBe(false)
        }
    }))
  })
})
