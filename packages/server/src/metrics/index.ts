/**
 * Operations: a Web-standard Prometheus registry, the server's request metrics, and the
 * metrics and health responses.
 * @module
 */
export {
  createRegistry,
  PROMETHEUS_CONTENT_TYPE,
  type Counter,
  type Gauge,
  type Histogram,
  type HistogramOptions,
  type Labels,
  type MetricOptions,
  type MetricsRegistry,
} from './registry.js'
export {
  createServerMetrics,
  DEFAULT_DURATION_BUCKETS,
  type RequestObservation,
  type ServerMetrics,
  type ServerMetricsOptions,
} from './server-metrics.js'
export { healthResponse, metricsResponse, type HealthReport } from './endpoints.js'
export { createResultCacheMetrics, type ResultCacheMetrics } from './result-cache-metrics.js'
