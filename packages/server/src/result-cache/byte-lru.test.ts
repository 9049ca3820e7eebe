import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createByteLru, type RemovalReason } from './byte-lru.js'

type Op = { kind: 'set'; key: string; bytes: number } | { kind: 'get'; key: string } | { kind: 'delete'; key: string }

const key = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h')
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key, bytes: fc.integer({ min: 0, max: 120 }) }),
  fc.record({ kind: fc.constant('get' as const), key }),
  fc.record({ kind: fc.constant('delete' as const), key }),
)

describe('byte-bounded LRU', () => {
  it('never holds more than its budget, keeps the newest entry that fits, and evicts least recently used first', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 300 }), fc.array(op, { maxLength: 60 }), (maxBytes, maxEntryBytes, ops) => {
        const removed: Array<{ key: string; reason: RemovalReason }> = []
        const lru = createByteLru<number>({ maxBytes, maxEntryBytes, onRemove: (k, _v, _b, reason) => removed.push({ key: k, reason }) })
        // a model: keys from least to most recent, with their sizes
        let model: Array<{ key: string; bytes: number; value: number }> = []
        ops.forEach((o, i) => {
          removed.length = 0
          if (o.kind === 'set') {
            const stored = lru.set(o.key, i, o.bytes)
            model = model.filter((e) => e.key !== o.key)
            expect(stored).toBe(o.bytes <= Math.min(maxEntryBytes, maxBytes))
            if (stored) {
              const evicted = removed.filter((r) => r.reason === 'evicted').map((r) => r.key)
              // exactly the oldest entries went, in order, and only as many as needed
              expect(evicted).toEqual(model.slice(0, evicted.length).map((e) => e.key))
              const lastEvicted = model[evicted.length - 1]
              model = model.slice(evicted.length)
              const kept = model.reduce((sum, e) => sum + e.bytes, 0)
              expect(kept + o.bytes).toBeLessThanOrEqual(maxBytes)
              // and no more than needed: with the last one evicted kept, it would not have fitted
              if (lastEvicted) expect(kept + lastEvicted.bytes + o.bytes).toBeGreaterThan(maxBytes)
              model.push({ key: o.key, bytes: o.bytes, value: i })
              // the entry just stored is there, and is the most recent
              expect(lru.keys().at(-1)).toBe(o.key)
            }
          } else if (o.kind === 'get') {
            const found = model.find((e) => e.key === o.key)
            expect(lru.get(o.key)).toBe(found?.value)
            if (found) model = [...model.filter((e) => e !== found), found]
          } else {
            expect(lru.delete(o.key)).toBe(model.some((e) => e.key === o.key))
            model = model.filter((e) => e.key !== o.key)
          }
          expect(lru.bytes).toBeLessThanOrEqual(maxBytes)
          expect(lru.bytes).toBe(model.reduce((sum, e) => sum + e.bytes, 0))
          expect(lru.keys()).toEqual(model.map((e) => e.key))
          expect(lru.size).toBe(model.length)
        })
      }),
    )
  })

  it('evicts only as much as the new entry needs', () => {
    const lru = createByteLru<string>({ maxBytes: 100 })
    lru.set('a', 'A', 40)
    lru.set('b', 'B', 40)
    lru.get('a') // b is now the least recently used
    lru.set('c', 'C', 30)
    expect(lru.keys()).toEqual(['a', 'c'])
    expect(lru.bytes).toBe(70)
  })

  it('refuses an entry over the per-entry cap and drops the older value under its key', () => {
    const reasons: RemovalReason[] = []
    const lru = createByteLru<string>({ maxBytes: 100, maxEntryBytes: 10, onRemove: (_k, _v, _b, reason) => reasons.push(reason) })
    expect(lru.set('a', 'small', 10)).toBe(true)
    expect(lru.set('a', 'large', 11)).toBe(false)
    expect(lru.get('a')).toBeUndefined()
    expect(reasons).toEqual(['replaced'])
    expect(lru.bytes).toBe(0)
  })
})
