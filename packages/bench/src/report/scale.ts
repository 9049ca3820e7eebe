/** Axis scales and "nice" tick values for the report's charts. */

export interface Scale {
  /** data value -> pixel position */
  map(value: number): number
  ticks: number[]
  format(value: number): string
}

/** Rounds a step up to 1, 2 or 5 times a power of ten, so ticks read naturally. */
export function niceStep(span: number, maxTicks: number): number {
  if (!(span > 0)) return 1
  const raw = span / Math.max(1, maxTicks)
  const power = 10 ** Math.floor(Math.log10(raw))
  const fraction = raw / power
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
  return nice * power
}

function formatNumber(value: number): string {
  if (value === 0) return '0'
  const magnitude = Math.abs(value)
  if (magnitude >= 1e6) return `${+(value / 1e6).toPrecision(3)}M`
  if (magnitude >= 1e3) return `${+(value / 1e3).toPrecision(3)}k`
  return `${+value.toPrecision(3)}`
}

/** A linear scale over [min, max] widened to whole ticks, onto [from, to] pixels. */
export function linearScale(min: number, max: number, from: number, to: number, maxTicks = 5): Scale {
  // A flat (or numerically flat) series still gets a readable axis around its value.
  if (!(max - min > 1e-9 * Math.max(1, Math.abs(min), Math.abs(max)))) {
    const pad = Math.max(1, Math.abs(min)) * 0.1
    min -= pad
    max += pad
  }
  const step = niceStep(max - min, maxTicks)
  const lo = Math.floor(min / step) * step
  const hi = Math.ceil(max / step) * step
  const ticks: number[] = []
  for (let t = lo; t <= hi + step / 2; t += step) ticks.push(+t.toPrecision(12))
  return {
    map: (value) => from + ((value - lo) / (hi - lo)) * (to - from),
    ticks,
    format: formatNumber,
  }
}

/** A base-10 log scale for values spanning orders of magnitude (timings); min must be > 0. */
export function logScale(min: number, max: number, from: number, to: number): Scale {
  const lo = Math.floor(Math.log10(Math.max(min, 1e-12)))
  let hi = Math.ceil(Math.log10(Math.max(max, 1e-12)))
  if (hi === lo) hi = lo + 1
  const ticks: number[] = []
  for (let e = lo; e <= hi; e++) ticks.push(10 ** e)
  return {
    map: (value) => from + ((Math.log10(Math.max(value, 1e-12)) - lo) / (hi - lo)) * (to - from),
    ticks,
    format: formatNumber,
  }
}
