/**
 * The server's own metrics, on one registry:
 *
 * | metric                                   | type      | labels              |
 * | ---------------------------------------- | --------- | ------------------- |
 * | `imgproc_requests_total`                 | counter   | operation, status   |
 * | `imgproc_request_duration_seconds`       | histogram | operation           |
 * | `imgproc_queue_depth`                    | gauge     | (none)              |
 * | `imgproc_bytes_in_total`                 | counter   | operation           |
 * | `imgproc_bytes_out_total`                | counter   | operation           |
 * | `imgproc_result_cache_*`                 | see result-cache-metrics.ts |      |
 *
 * `operation` is a name from a fixed set the handler chooses (GetObject, PutObject,
 * ProcessImage, ...), never a user value; `status` is the HTTP status as a string.
 */
import { createRegistry, type Counter, type Gauge, type Histogram, type MetricsRegistry } from './registry.js'
import { createResultCacheMetrics, type ResultCacheMetrics } from './result-cache-metrics.js'

/** Seconds; image work ranges from a cached GET (ms) to a large re-encode (s). */
export const DEFAULT_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]

export interface RequestObservation {
  operation: string
  status: number
  durationSeconds: number
  bytesIn?: number
  bytesOut?: number
}

export interface ServerMetrics {
  readonly registry: MetricsRegistry
  readonly requestsTotal: Counter<'operation' | 'status'>
  readonly requestDurationSeconds: Histogram<'operation'>
  readonly queueDepth: Gauge
  readonly bytesIn: Counter<'operation'>
  readonly bytesOut: Counter<'operation'>
  /** the processed-image cache's hits, misses, bytes, entries, evictions (result-cache-metrics.ts) */
  readonly resultCache: ResultCacheMetrics
  /** Records one finished request in all the per-request metrics at once. */
  observeRequest(observation: RequestObservation): void
  render(): string
}

export interface ServerMetricsOptions {
  /** metric name prefix; default `imgproc_` */
  prefix?: string
  durationBuckets?: readonly number[]
  /** an existing registry to add to (e.g. with engine metrics); default a new one */
  registry?: MetricsRegistry
}

export function createServerMetrics(options: ServerMetricsOptions = {}): ServerMetrics {
  const prefix = options.prefix ?? 'imgproc_'
  const registry = options.registry ?? createRegistry()
  const requestsTotal = registry.counter<'operation' | 'status'>({
    name: `${prefix}requests_total`,
    help: 'Requests answered, by API operation and HTTP status.',
    labelNames: ['operation', 'status'],
  })
  const requestDurationSeconds = registry.histogram<'operation'>({
    name: `${prefix}request_duration_seconds`,
    help: 'Time from receiving a request to the response headers, by API operation.',
    labelNames: ['operation'],
    buckets: options.durationBuckets ?? DEFAULT_DURATION_BUCKETS,
  })
  const queueDepth = registry.gauge({
    name: `${prefix}queue_depth`,
    help: 'Image jobs waiting for a worker.',
  })
  const bytesIn = registry.counter<'operation'>({
    name: `${prefix}bytes_in_total`,
    help: 'Request body bytes received, by API operation.',
    labelNames: ['operation'],
  })
  const bytesOut = registry.counter<'operation'>({
    name: `${prefix}bytes_out_total`,
    help: 'Response body bytes sent, by API operation.',
    labelNames: ['operation'],
  })
  return {
    registry,
    requestsTotal,
    requestDurationSeconds,
    queueDepth,
    bytesIn,
    bytesOut,
    resultCache: createResultCacheMetrics(registry, prefix),
    observeRequest({ operation, status, durationSeconds, bytesIn: inBytes = 0, bytesOut: outBytes = 0 }) {
      requestsTotal.inc({ operation, status: String(status) })
      requestDurationSeconds.observe(durationSeconds, { operation })
      if (inBytes > 0) bytesIn.inc({ operation }, inBytes)
      if (outBytes > 0) bytesOut.inc({ operation }, outBytes)
    },
    render: () => registry.render(),
  }
}
