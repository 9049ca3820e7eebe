/**
 * A token-bucket rate limiter per caller: each key (an access key id, or the client address of
 * an anonymous caller; see `rateLimitKey`) may make `burst` requests at once and then
 * `requestsPerSecond` on average. When a bucket is empty the server answers 503 `SlowDown`
 * with `Retry-After: <retryAfterSeconds>`, which both official clients back off on.
 *
 * Memory is bounded: at most `maxKeys` buckets are kept, least recently used first out. An
 * evicted bucket comes back full, which is what an idle bucket would have refilled to anyway;
 * only a flood of distinct keys can make it lenient, never stricter.
 */

export interface RateLimiterOptions {
  /** sustained rate per key; must be > 0 */
  requestsPerSecond: number
  /** bucket size: requests allowed at once after a pause; default max(1, requestsPerSecond) */
  burst?: number
  /** buckets kept at most (least recently used evicted); default 10 000 */
  maxKeys?: number
  /** clock in milliseconds (tests pin it); default Date.now */
  now?: () => number
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number }

export interface RateLimiter {
  /** Takes one token from `key`'s bucket. */
  take(key: string): RateDecision
  /** number of buckets currently held (for tests and metrics) */
  readonly size: number
}

interface Bucket {
  tokens: number
  updatedAt: number
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const rate = options.requestsPerSecond
  if (!(rate > 0) || !Number.isFinite(rate)) throw new RangeError(`requestsPerSecond must be a positive number, got ${rate}`)
  const burst = options.burst ?? Math.max(1, rate)
  if (!(burst >= 1) || !Number.isFinite(burst)) throw new RangeError(`burst must be at least 1, got ${burst}`)
  const maxKeys = options.maxKeys ?? 10_000
  if (!(maxKeys >= 1)) throw new RangeError(`maxKeys must be at least 1, got ${maxKeys}`)
  const now = options.now ?? Date.now
  // A Map iterates in insertion order; re-inserting on every use keeps it in recency order.
  const buckets = new Map<string, Bucket>()

  return {
    take(key) {
      const at = now()
      const bucket = buckets.get(key) ?? { tokens: burst, updatedAt: at }
      buckets.delete(key)
      bucket.tokens = Math.min(burst, bucket.tokens + (Math.max(0, at - bucket.updatedAt) / 1000) * rate)
      bucket.updatedAt = at
      buckets.set(key, bucket)
      while (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value as string)
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1
        return { ok: true }
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / rate)) }
    },
    get size() {
      return buckets.size
    },
  }
}

/**
 * The bucket key for a caller: `ak:<accessKeyId>` for a signed request, `ip:<address>` for an
 * anonymous one (the address the serve() adapter saw; behind a proxy, whatever it trusts).
 */
export function rateLimitKey(caller: { anonymous: true } | { anonymous: false; accessKeyId: string }, clientAddress: string): string {
  return caller.anonymous ? `ip:${clientAddress}` : `ak:${caller.accessKeyId}`
}
