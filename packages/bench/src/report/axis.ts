/** How one chart axis maps its data: the scale type and the domain the charts pass to Plot. */
export interface AxisSpec {
  type: 'log' | 'linear'
  domain: [number, number]
}

/**
 * A log axis when every value is positive and they span at least a decade (bytes from a 30 kB
 * thumbnail to a 10 MB PNG, times from 2 ms to 5 s): on a linear axis the small ones would all
 * sit on zero. Otherwise linear. The domain is padded so no mark sits on the frame; `headroom`
 * widens the top end (room for the direct labels drawn right of each point).
 */
export function chooseAxis(values: readonly number[], headroom = 1): AxisSpec {
  const finite = values.filter(Number.isFinite)
  if (finite.length === 0) return { type: 'linear', domain: [0, 1] }
  const min = Math.min(...finite)
  const max = Math.max(...finite)
  if (min > 0 && max / min >= 10) return { type: 'log', domain: [min / 1.25, max * 1.25 * headroom] }
  // at least a tenth of the values' size: outputs a few bytes apart (the same encoder under two
  // names) would otherwise get an axis of ticks that all print as "334k"
  const least = Math.max(Math.abs(min) * 0.1, Math.abs(max) * 0.1, 1e-9)
  const center = (min + max) / 2
  const [lo, hi] = max - min >= least ? [min, max] : [center - least / 2, center + least / 2]
  const span = hi - lo
  return { type: 'linear', domain: [lo - span * 0.08, hi + span * 0.08 * headroom] }
}

/**
 * SSIM over the data's own range, not 0-1: scores sit between ~0.85 and 1, and a 0-1 axis
 * squeezes every difference worth seeing into its top tenth. The floor is rounded down to a
 * hundredth (a readable first tick); the top is a little above 1, a perfect score, so a
 * lossless point is not drawn on the frame.
 */
export function ssimAxis(values: readonly number[]): AxisSpec {
  const finite = values.filter(Number.isFinite)
  const min = finite.length ? Math.min(...finite) : 0.9
  const floor = Math.floor(Math.min(min, 0.999) * 100) / 100
  const lo = Math.max(0, floor)
  return { type: 'linear', domain: [lo, 1 + (1 - lo) * 0.04] }
}

/** Data value -> 0..1 along an axis (for placing labels before Plot draws). */
export function normalize(axis: AxisSpec, value: number): number {
  const [lo, hi] = axis.domain
  if (axis.type === 'log') return (Math.log(value) - Math.log(lo)) / (Math.log(hi) - Math.log(lo))
  return (value - lo) / (hi - lo)
}

/** 0..1 along an axis -> data value. */
export function denormalize(axis: AxisSpec, t: number): number {
  const [lo, hi] = axis.domain
  if (axis.type === 'log') return Math.exp(Math.log(lo) + t * (Math.log(hi) - Math.log(lo)))
  return lo + t * (hi - lo)
}

/** Tick text: 500, 1.5k, 12M (d3's SI format would print 0.5 ms as "500m"). */
export function formatTick(value: number): string {
  const magnitude = Math.abs(value)
  if (magnitude >= 1e6) return `${+(value / 1e6).toPrecision(3)}M`
  if (magnitude >= 1e3) return `${+(value / 1e3).toPrecision(3)}k`
  return `${+value.toPrecision(3)}`
}
