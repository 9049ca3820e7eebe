/**
 * A small Prometheus registry: counters, gauges and fixed-bucket histograms with labels,
 * rendered in the text exposition format 0.0.4.
 *
 * Why our own and not prom-client: prom-client is Node-only (it imports `cluster`, `v8`,
 * `perf_hooks` and `process`), and the handler must run on Deno, Bun and Workers too. The format
 * needs only what is here (about 150 lines, tested against the format rules), so a dependency
 * would add weight without removing any hard part.
 *
 * Cardinality is bounded: each metric keeps at most `maxSeries` label combinations; later
 * combinations are counted under one series whose labels are all `"other"`, so a bug that puts
 * a user value in a label cannot exhaust memory.
 */

export type Labels<L extends string> = Partial<Record<L, string>>

export interface Counter<L extends string = never> {
  inc(labels?: Labels<L>, by?: number): void
  get(labels?: Labels<L>): number
}

export interface Gauge<L extends string = never> {
  set(value: number, labels?: Labels<L>): void
  inc(labels?: Labels<L>, by?: number): void
  dec(labels?: Labels<L>, by?: number): void
  get(labels?: Labels<L>): number
}

export interface Histogram<L extends string = never> {
  observe(value: number, labels?: Labels<L>): void
}

export interface MetricOptions<L extends string> {
  name: string
  help: string
  labelNames?: readonly L[]
}

export interface HistogramOptions<L extends string> extends MetricOptions<L> {
  /** upper bounds, strictly increasing; `+Inf` is added */
  buckets: readonly number[]
}

export interface MetricsRegistry {
  counter<L extends string = never>(options: MetricOptions<L>): Counter<L>
  gauge<L extends string = never>(options: MetricOptions<L>): Gauge<L>
  histogram<L extends string = never>(options: HistogramOptions<L>): Histogram<L>
  /** every metric, in registration order, as Prometheus text format 0.0.4 */
  render(): string
}

/** The Content-Type of `render()`'s output. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8'

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/

interface Family {
  name: string
  help: string
  type: 'counter' | 'gauge' | 'histogram'
  labelNames: readonly string[]
  /** label key -> [label values, state] */
  series: Map<string, { values: string[]; state: number[] }>
  buckets?: readonly number[]
}

export function formatValue(value: number): string {
  if (value === Infinity) return '+Inf'
  if (value === -Infinity) return '-Inf'
  if (Number.isNaN(value)) return 'NaN'
  return String(value)
}

function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')
}

function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')
}

function labelText(names: readonly string[], values: readonly string[], extra?: [string, string]): string {
  const parts = names.map((name, i) => `${name}="${escapeLabelValue(values[i])}"`)
  if (extra) parts.push(`${extra[0]}="${escapeLabelValue(extra[1])}"`)
  return parts.length > 0 ? `{${parts.join(',')}}` : ''
}

export function createRegistry(options: { maxSeries?: number } = {}): MetricsRegistry {
  const maxSeries = options.maxSeries ?? 1000
  const families = new Map<string, Family>()

  function register(family: Omit<Family, 'series'>): Family {
    if (!METRIC_NAME.test(family.name)) throw new TypeError(`invalid metric name ${JSON.stringify(family.name)}`)
    if (families.has(family.name)) throw new TypeError(`metric ${family.name} is already registered`)
    for (const label of family.labelNames) {
      if (!LABEL_NAME.test(label) || label.startsWith('__') || (family.type === 'histogram' && label === 'le')) {
        throw new TypeError(`invalid label name ${JSON.stringify(label)} on ${family.name}`)
      }
    }
    const full: Family = { ...family, series: new Map() }
    families.set(family.name, full)
    return full
  }

  /** The state array of one label combination, created on first use (zeros). */
  function seriesOf(family: Family, labels: Labels<string> | undefined, size: number, create: boolean): number[] | undefined {
    let values = family.labelNames.map((name) => labels?.[name] ?? '')
    let key = JSON.stringify(values)
    let series = family.series.get(key)
    if (!series && create && family.series.size >= maxSeries) {
      values = family.labelNames.map(() => 'other')
      key = JSON.stringify(values)
      series = family.series.get(key)
    }
    if (!series && create) {
      series = { values, state: new Array<number>(size).fill(0) }
      family.series.set(key, series)
    }
    return series?.state
  }

  function scalar(family: Family) {
    const add = (labels: Labels<string> | undefined, by: number) => {
      if (family.type === 'counter' && !(by >= 0)) throw new RangeError(`counter ${family.name} can only increase, got ${by}`)
      seriesOf(family, labels, 1, true)![0] += by
    }
    return {
      inc: (labels?: Labels<string>, by = 1) => add(labels, by),
      dec: (labels?: Labels<string>, by = 1) => add(labels, -by),
      set: (value: number, labels?: Labels<string>) => {
        seriesOf(family, labels, 1, true)![0] = value
      },
      get: (labels?: Labels<string>) => seriesOf(family, labels, 1, false)?.[0] ?? 0,
    }
  }

  function renderFamily(family: Family): string[] {
    const lines = [`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} ${family.type}`]
    for (const { values, state } of family.series.values()) {
      if (family.type !== 'histogram') {
        lines.push(`${family.name}${labelText(family.labelNames, values)} ${formatValue(state[0])}`)
        continue
      }
      // state: one count per bucket (non-cumulative), then +Inf's, then sum, then count.
      const bounds = family.buckets!
      let cumulative = 0
      for (let i = 0; i <= bounds.length; i++) {
        cumulative += state[i]
        const le = i < bounds.length ? formatValue(bounds[i]) : '+Inf'
        lines.push(`${family.name}_bucket${labelText(family.labelNames, values, ['le', le])} ${cumulative}`)
      }
      lines.push(`${family.name}_sum${labelText(family.labelNames, values)} ${formatValue(state[bounds.length + 1])}`)
      lines.push(`${family.name}_count${labelText(family.labelNames, values)} ${state[bounds.length + 2]}`)
    }
    return lines
  }

  return {
    counter<L extends string = never>(options: MetricOptions<L>): Counter<L> {
      const { inc, get } = scalar(register({ ...options, type: 'counter', labelNames: options.labelNames ?? [] }))
      return { inc, get }
    },
    gauge<L extends string = never>(options: MetricOptions<L>): Gauge<L> {
      return scalar(register({ ...options, type: 'gauge', labelNames: options.labelNames ?? [] }))
    },
    histogram<L extends string = never>(options: HistogramOptions<L>): Histogram<L> {
      const buckets = options.buckets
      if (buckets.length === 0 || buckets.some((b, i) => !Number.isFinite(b) || (i > 0 && b <= buckets[i - 1]))) {
        throw new TypeError(`histogram ${options.name} needs finite, strictly increasing buckets`)
      }
      const family = register({ ...options, type: 'histogram', labelNames: options.labelNames ?? [], buckets: [...buckets] })
      return {
        observe(value, labels) {
          if (Number.isNaN(value)) return
          const state = seriesOf(family, labels, buckets.length + 3, true)!
          let slot = buckets.findIndex((bound) => value <= bound)
          if (slot < 0) slot = buckets.length
          state[slot] += 1
          state[buckets.length + 1] += value
          state[buckets.length + 2] += 1
        },
      }
    },
    render() {
      const lines: string[] = []
      for (const family of families.values()) lines.push(...renderFamily(family))
      return lines.length > 0 ? `${lines.join('\n')}\n` : ''
    },
  }
}
