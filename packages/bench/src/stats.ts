/** Summary statistics of repeated timings. */
export interface Summary {
  /** number of samples */
  n: number
  median: number
  min: number
  max: number
  /** median absolute deviation: a spread measure that one slow outlier does not swamp */
  mad: number
  /** 25th and 75th percentiles */
  p25: number
  p75: number
}

/** Linear-interpolated percentile of sorted values (q in [0, 1]). */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError('Expected at least one sample but received none')
  const position = (sorted.length - 1) * q
  const lower = Math.floor(position)
  const upper = Math.ceil(position)
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower)
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b)
  const median = percentile(sorted, 0.5)
  const deviations = sorted.map((value) => Math.abs(value - median)).sort((a, b) => a - b)
  return {
    n: sorted.length,
    median,
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    mad: percentile(deviations, 0.5),
    p25: percentile(sorted, 0.25),
    p75: percentile(sorted, 0.75),
  }
}
