import type { BenchRecord } from '../result.js'

/** One measured cell as the charts draw it. */
export interface ChartRow {
  /** the task id (`encode:webp@75`): the time chart draws one facet per task */
  task: string
  /** the quality chart's facet: one codec's encode ladder (`encode webp`) or one pipeline */
  family: string
  contender: string
  /** the output codec, or `decode` for the decode task (it has no output) */
  codec: string
  /** what colour (contender) and shape (codec) together must tell apart */
  series: string
  quality?: number
  /** median milliseconds per run, and its median absolute deviation */
  ms: number
  mad: number
  bytes?: number
  ssim?: number
}

/**
 * The encode tasks of one codec at several qualities share a facet in the quality chart, so a
 * contender's quality ladder reads as one curve; every other task is a facet of its own, and no
 * line ever joins two facets.
 */
export function familyOf(task: string): string {
  const encode = /^encode:([a-z0-9]+)/.exec(task)
  return encode ? `encode ${encode[1]}` : task
}

export function chartRows(records: readonly BenchRecord[]): ChartRow[] {
  return records.map((r) => {
    const codec = r.codec ?? 'decode'
    const row: ChartRow = {
      task: r.task, family: familyOf(r.task), contender: r.contender, codec,
      series: `${r.contender} ${codec}`, ms: r.time.median, mad: r.time.mad,
    }
    if (r.quality !== undefined) row.quality = r.quality
    if (r.bytes !== undefined) row.bytes = r.bytes
    // a null SSIM (JSON has no NaN) is no score at all
    if (typeof r.ssim === 'number' && Number.isFinite(r.ssim)) row.ssim = r.ssim
    return row
  })
}

/** Keys in first-seen order: facets appear in the order the runner ran the tasks. */
export function uniqueInOrder<T>(items: readonly T[], key: (item: T) => string): string[] {
  return [...new Set(items.map(key))]
}
