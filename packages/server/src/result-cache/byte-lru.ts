/**
 * A least-recently-used map bounded by bytes, not by count: the memory tier of the result cache.
 * A thumbnail is a few KiB and an info JSON a few hundred bytes, while a full-size re-encode can
 * be megabytes, so a count bound would say nothing about memory.
 *
 * - `set` makes room by dropping the least recently used entries until the new one fits; the
 *   total never exceeds `maxBytes`.
 * - An entry larger than `maxEntryBytes` is not stored (and any older value under its key goes):
 *   one large result must not flush hundreds of small ones.
 * - `get` makes an entry the most recently used. A JavaScript Map keeps insertion order, so
 *   re-inserting moves a key to the end and the first key is always the least recently used.
 */

export type RemovalReason = 'evicted' | 'replaced' | 'deleted'

export interface ByteLruOptions<V> {
  maxBytes: number
  /** largest single entry, default `maxBytes` */
  maxEntryBytes?: number
  /** every value that leaves, and why (the result cache keeps its per-object index with it) */
  onRemove?: (key: string, value: V, bytes: number, reason: RemovalReason) => void
}

export interface ByteLru<V> {
  /** the value, now the most recently used; undefined when absent */
  get(key: string): V | undefined
  /** stores `value` as `bytes` bytes; false (and nothing stored) when it is over `maxEntryBytes` */
  set(key: string, value: V, bytes: number): boolean
  delete(key: string): boolean
  readonly bytes: number
  readonly size: number
  /** keys from least to most recently used */
  keys(): string[]
}

export function createByteLru<V>(options: ByteLruOptions<V>): ByteLru<V> {
  const { maxBytes, onRemove } = options
  const maxEntryBytes = Math.min(options.maxEntryBytes ?? maxBytes, maxBytes)
  const entries = new Map<string, { value: V; bytes: number }>()
  let total = 0

  function remove(key: string, reason: RemovalReason): boolean {
    const entry = entries.get(key)
    if (!entry) return false
    entries.delete(key)
    total -= entry.bytes
    onRemove?.(key, entry.value, entry.bytes, reason)
    return true
  }

  return {
    get(key) {
      const entry = entries.get(key)
      if (!entry) return undefined
      entries.delete(key)
      entries.set(key, entry)
      return entry.value
    },
    set(key, value, bytes) {
      remove(key, 'replaced')
      if (!(bytes >= 0) || bytes > maxEntryBytes) return false
      while (total + bytes > maxBytes) {
        const oldest = entries.keys().next()
        if (oldest.done) break
        remove(oldest.value, 'evicted')
      }
      entries.set(key, { value, bytes })
      total += bytes
      return true
    },
    delete: (key) => remove(key, 'deleted'),
    get bytes() {
      return total
    },
    get size() {
      return entries.size
    },
    keys: () => [...entries.keys()],
  }
}
