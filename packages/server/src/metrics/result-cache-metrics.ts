/**
 * The result cache's metrics (result-cache/), on the server's registry:
 *
 * | metric                                  | type    | labels                      |
 * | --------------------------------------- | ------- | --------------------------- |
 * | `imgproc_result_cache_hits_total`       | counter | tier (`memory`, `storage`)  |
 * | `imgproc_result_cache_misses_total`     | counter | (none)                      |
 * | `imgproc_result_cache_stores_total`     | counter | tier                        |
 * | `imgproc_result_cache_evictions_total`  | counter | tier (LRU evictions; shared-tier trims) |
 * | `imgproc_result_cache_bytes`            | gauge   | (none): the memory tier's bytes |
 * | `imgproc_result_cache_entries`          | gauge   | (none): the memory tier's entries |
 * | `imgproc_result_cache_failures_total`   | counter | (none): shared-tier reads/writes that failed (served as misses) |
 *
 * A lookup whose result was found but whose dependencies no longer hold for the caller is a miss.
 */
import type { Counter, Gauge, MetricsRegistry } from './registry.js'

type Tier = 'memory' | 'storage'

export interface ResultCacheMetrics {
  readonly hits: Counter<'tier'>
  readonly misses: Counter
  readonly stores: Counter<'tier'>
  readonly evictions: Counter<'tier'>
  readonly bytes: Gauge
  readonly entries: Gauge
  readonly failures: Counter
  /** the events the cache reports (result-cache.ts `ResultCacheEvents`) */
  lookup(outcome: 'hit' | 'miss', tier?: Tier): void
  stored(tier: Tier): void
  evicted(tier: Tier, count: number): void
  size(entries: number, bytes: number): void
  failed(error: unknown): void
}

export function createResultCacheMetrics(registry: MetricsRegistry, prefix: string): ResultCacheMetrics {
  const name = (suffix: string) => `${prefix}result_cache_${suffix}`
  const hits = registry.counter<'tier'>({ name: name('hits_total'), help: 'Processed results served from the cache, by tier.', labelNames: ['tier'] })
  const misses = registry.counter({ name: name('misses_total'), help: 'Processed-image lookups that ran the image job.' })
  const stores = registry.counter<'tier'>({ name: name('stores_total'), help: 'Processed results stored in the cache, by tier.', labelNames: ['tier'] })
  const evictions = registry.counter<'tier'>({ name: name('evictions_total'), help: 'Results dropped to stay within the byte bounds, by tier.', labelNames: ['tier'] })
  const bytes = registry.gauge({ name: name('bytes'), help: 'Bytes held by the memory tier.' })
  const entries = registry.gauge({ name: name('entries'), help: 'Results held by the memory tier.' })
  const failures = registry.counter({ name: name('failures_total'), help: 'Shared-tier reads and writes that failed (the request went on as a miss).' })
  return {
    hits,
    misses,
    stores,
    evictions,
    bytes,
    entries,
    failures,
    lookup: (outcome, tier) => (outcome === 'hit' ? hits.inc({ tier: tier ?? 'memory' }) : misses.inc()),
    stored: (tier) => stores.inc({ tier }),
    evicted: (tier, count) => evictions.inc({ tier }, count),
    size(count, held) {
      entries.set(count)
      bytes.set(held)
    },
    failed: () => failures.inc(),
  }
}
