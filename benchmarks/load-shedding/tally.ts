/** The answers seen in a measured window: latencies of the 200s and the 503s, and how each 503 was made. */

export class Tally {
  ok: number[] = []
  rejected: number[] = []
  other = new Map<number, number>()
  errors = 0
  noRetryAfter = 0
  notSlowDown = 0
  retryAfterMin = Infinity
  retryAfterMax = -Infinity
  record(status: number, ms: number, retryAfter: string | undefined, body: string): void {
    if (status === 200) this.ok.push(ms)
    else if (status === 503) {
      this.rejected.push(ms)
      if (retryAfter === undefined || !/^\d+$/.test(retryAfter)) this.noRetryAfter++
      else {
        this.retryAfterMin = Math.min(this.retryAfterMin, Number(retryAfter))
        this.retryAfterMax = Math.max(this.retryAfterMax, Number(retryAfter))
      }
      if (!body.includes('<Code>SlowDown</Code>')) this.notSlowDown++
    } else this.other.set(status, (this.other.get(status) ?? 0) + 1)
  }
}

/** The `p` quantile (0-1) of `values` (nearest rank), NaN when there are none. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN
  const sorted = Float64Array.from(values).sort()
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!
}
