import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRateLimiter, rateLimitKey } from './rate-limiter.js'

function clock(start = 0) {
  let t = start
  return { now: () => t, advance: (ms: number) => void (t += ms) }
}

describe('createRateLimiter', () => {
  it('allows a burst, then refuses with a Retry-After, then refills at the configured rate', () => {
    const c = clock()
    const limiter = createRateLimiter({ requestsPerSecond: 2, burst: 3, now: c.now })
    expect([1, 2, 3].map(() => limiter.take('ak:a').ok)).toEqual([true, true, true])
    expect(limiter.take('ak:a')).toEqual({ ok: false, retryAfterSeconds: 1 })
    c.advance(499)
    expect(limiter.take('ak:a').ok).toBe(false)
    c.advance(1)
    expect(limiter.take('ak:a').ok).toBe(true)
    expect(limiter.take('ak:a').ok).toBe(false)
  })

  it('keeps keys independent', () => {
    const limiter = createRateLimiter({ requestsPerSecond: 1, burst: 1, now: () => 0 })
    expect(limiter.take('ak:a').ok).toBe(true)
    expect(limiter.take('ak:a').ok).toBe(false)
    expect(limiter.take('ip:1.2.3.4').ok).toBe(true)
  })

  it('rounds Retry-After up to whole seconds for slow rates', () => {
    const limiter = createRateLimiter({ requestsPerSecond: 0.1, burst: 1, now: () => 0 })
    limiter.take('k')
    expect(limiter.take('k')).toEqual({ ok: false, retryAfterSeconds: 10 })
  })

  it('bounds memory by evicting the least recently used buckets', () => {
    const c = clock()
    const limiter = createRateLimiter({ requestsPerSecond: 1, burst: 1, maxKeys: 3, now: c.now })
    for (const key of ['a', 'b', 'c']) limiter.take(key)
    limiter.take('a') // refused, but now most recent
    limiter.take('d') // evicts b
    expect(limiter.size).toBe(3)
    expect(limiter.take('a').ok).toBe(false) // still held: still empty
    expect(limiter.take('b').ok).toBe(true) // evicted: comes back full
  })

  it('validates its options', () => {
    expect(() => createRateLimiter({ requestsPerSecond: 0 })).toThrow(RangeError)
    expect(() => createRateLimiter({ requestsPerSecond: 1, burst: 0.5 })).toThrow(RangeError)
    expect(() => createRateLimiter({ requestsPerSecond: 1, maxKeys: 0 })).toThrow(RangeError)
  })

  it('never admits more than burst + rate × elapsed requests (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 200 }),
        (rate, burst, gaps) => {
          const c = clock()
          const limiter = createRateLimiter({ requestsPerSecond: rate, burst, now: c.now })
          let admitted = 0
          for (const gap of gaps) {
            c.advance(gap)
            const decision = limiter.take('k')
            if (decision.ok) admitted++
            else expect(decision.retryAfterSeconds).toBeGreaterThanOrEqual(1)
          }
          expect(admitted).toBeLessThanOrEqual(burst + (rate * c.now()) / 1000 + 1e-9)
        },
      ),
    )
  })
})

describe('rateLimitKey', () => {
  it('keys signed callers by access key and anonymous ones by address', () => {
    expect(rateLimitKey({ anonymous: false, accessKeyId: 'AK' }, '10.0.0.1')).toBe('ak:AK')
    expect(rateLimitKey({ anonymous: true }, '10.0.0.1')).toBe('ip:10.0.0.1')
  })
})
