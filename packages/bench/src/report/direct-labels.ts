import { denormalize, normalize, type AxisSpec } from './axis.js'

/** A label drawn beside a point (not only on hover): where it is, and the point it names. */
export interface DirectLabel {
  facet: string
  text: string
  x: number
  y: number
  /** the point it names, when the label had to move off it to stay readable */
  pointX: number
  pointY: number
  /** which side of the point the text runs: left near a facet's right edge, so it stays inside */
  side: 'right' | 'left'
}

export interface LabelledPoint {
  facet: string
  series: string
  text: string
  x: number
  y: number
  /** the point with the highest rank in a series carries its label (the top of a quality ladder) */
  rank: number
}

/**
 * One label per series and facet, at its highest-ranked point. Series that end on the same point
 * (sharp at one thread and at all cores write the same bytes) share one label, "a · b", rather
 * than printing two names on top of each other.
 */
export function seriesLabels(points: readonly LabelledPoint[]): DirectLabel[] {
  const ends = new Map<string, LabelledPoint>()
  for (const p of points) {
    const key = `${p.facet}\u0000${p.series}`
    const best = ends.get(key)
    if (!best || p.rank > best.rank) ends.set(key, p)
  }
  const byPoint = new Map<string, DirectLabel>()
  for (const p of ends.values()) {
    const key = `${p.facet}\u0000${p.x}\u0000${p.y}`
    const shared = byPoint.get(key)
    if (shared) {
      if (!shared.text.split(' · ').includes(p.text)) shared.text += ` · ${p.text}`
    } else {
      byPoint.set(key, { facet: p.facet, text: p.text, x: p.x, y: p.y, pointX: p.x, pointY: p.y, side: 'right' })
    }
  }
  return [...byPoint.values()]
}

export interface LabelLayout {
  x: AxisSpec
  y: AxisSpec
  /** a facet's plotting area in pixels */
  width: number
  height: number
  lineHeight?: number
  /** average glyph width, to tell which labels would collide sideways */
  charWidth?: number
}

/**
 * Moves labels apart vertically, greedily from the top of each facet, so no two overlap: a
 * label that would cover one already placed goes just below it (or above, at the bottom edge).
 * Plot has no label placement of its own; this is the small part of one the charts need.
 */
export function dodgeLabels(labels: readonly DirectLabel[], layout: LabelLayout): DirectLabel[] {
  const lineHeight = layout.lineHeight ?? 12
  const charWidth = layout.charWidth ?? 6
  const px = (l: DirectLabel) => normalize(layout.x, l.x) * layout.width
  const py = (l: DirectLabel) => (1 - normalize(layout.y, l.y)) * layout.height
  const placed: { facet: string; left: number; right: number; top: number }[] = []
  const collides = (facet: string, left: number, right: number, top: number) =>
    placed.some((p) => p.facet === facet && left < p.right && p.left < right && Math.abs(top - p.top) < lineHeight)
  return [...labels]
    .sort((a, b) => a.facet.localeCompare(b.facet) || py(a) - py(b))
    .map((label) => {
      const side = px(label) < layout.width * 0.55 ? 'right' : 'left'
      const extent = label.text.length * charWidth + 8
      const left = side === 'right' ? px(label) : px(label) - extent
      const right = left + extent
      let top = py(label)
      while (collides(label.facet, left, right, top) && top + lineHeight <= layout.height) top += lineHeight
      if (collides(label.facet, left, right, top)) {
        top = py(label)
        while (collides(label.facet, left, right, top) && top - lineHeight >= 0) top -= lineHeight
      }
      placed.push({ facet: label.facet, left, right, top })
      return { ...label, side, y: denormalize(layout.y, 1 - top / layout.height) }
    })
}
