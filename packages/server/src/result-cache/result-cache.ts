/**
 * The processed-image cache (issue 14): a memory LRU bounded by bytes, and optionally a shared
 * tier in the storage adapter so replicas share results. It is a plain store: it never decides
 * who may see a result. The route asks it only after the caller passed the source's ACL check,
 * and re-checks a result's dependencies with the caller's rights before serving it
 * (cached-processing.ts).
 *
 * A result found in the shared tier is copied into memory. Results are stored in memory at once
 * and written to the shared tier in the background (a miss does not wait for the store's write);
 * a failed shared read or write is reported and is a miss, never an error for the client.
 */
import type { ResultStorage } from '@imgproc/types'
import { createByteLru, type ByteLru } from './byte-lru.js'
import type { CachedResult } from './envelope.js'
import { createStorageTier, type SharedTierOptions, type StorageTier } from './storage-tier.js'

export interface ResultCacheOptions {
  /** bytes the memory tier may hold, default 64 MiB (env `IMGPROC_RESULT_CACHE_MB`); 0: no memory tier */
  maxBytes?: number
  /** largest result cached, default an eighth of `maxBytes` (8 MiB when the memory tier is off) */
  maxEntryBytes?: number
  /** also keep results in `storage.results`, shared by replicas on the same store (off by default) */
  shared?: SharedTierOptions | boolean
  /**
   * part of every key: replicas sharing a store must produce the same bytes for the same key, so
   * give each engine configuration (fonts, engine limits, version) its own namespace
   */
  namespace?: string
}

export type CacheTier = 'memory' | 'storage'

/** What the cache reports (the metrics implement it). */
export interface ResultCacheEvents {
  lookup(outcome: 'hit' | 'miss', tier?: CacheTier): void
  stored(tier: CacheTier): void
  evicted(tier: CacheTier, count: number): void
  /** the memory tier's size after each change */
  size(entries: number, bytes: number): void
  /** a shared-tier read or write failed (the request went on as a miss) */
  failed(error: unknown): void
}

export interface ResultCache {
  readonly namespace: string
  readonly maxEntryBytes: number
  /**
   * false when this cache surely holds no result of the object, without any storage read (the
   * route then lets the queue turn an overloaded request away before anything is read)
   */
  mayHold(bucket: string, objectKey: string): boolean
  find(bucket: string, objectKey: string, key: string): Promise<{ result: CachedResult; tier: CacheTier } | undefined>
  /** keeps a copy of `result` (not the caller's buffer, which the reply may hand on) */
  store(bucket: string, objectKey: string, result: CachedResult): void
  /** counts a served hit, or a miss (lookups whose dependencies failed count as misses) */
  counted(outcome: 'hit' | 'miss', tier?: CacheTier): void
  /** resolves when the background writes started so far have finished (tests, shutdown) */
  idle(): Promise<void>
  readonly entries: number
  readonly bytes: number
}

export const DEFAULT_RESULT_CACHE_BYTES = 64 * 1024 * 1024
/** what an entry's key and dependency text may add to its body (a key is at most ~12 KB of UTF-16) */
const TEXT_ALLOWANCE = 64 * 1024

interface MemoryEntry {
  result: CachedResult
  /** the object it belongs to, for `mayHold` */
  holder: string
}

/** Bytes an entry costs: the body, the key and dependency strings (UTF-16), and bookkeeping. */
function entryBytes(result: CachedResult): number {
  let text = result.key.length + result.contentType.length
  for (const d of result.dependencies) text += d.bucket.length + d.key.length + d.version.etag.length + 32
  return result.body.byteLength + 2 * text + 256
}

/** The cache for the given options, or undefined when both tiers are off. */
export function createResultCache(
  options: ResultCacheOptions,
  parts: { results?: ResultStorage | undefined; events?: Partial<ResultCacheEvents> } = {},
): ResultCache | undefined {
  const maxBytes = options.maxBytes ?? DEFAULT_RESULT_CACHE_BYTES
  if (!(maxBytes >= 0)) throw new RangeError(`resultCache.maxBytes must be 0 or more, got ${maxBytes}`)
  const shared = options.shared === true ? {} : options.shared || undefined
  if (shared && !parts.results) throw new Error('resultCache.shared needs a storage adapter with `results` (memory, filesystem and S3 have it)')
  if (maxBytes === 0 && !shared) return undefined
  const maxEntryBytes = options.maxEntryBytes ?? (maxBytes > 0 ? Math.floor(maxBytes / 8) : 8 * 1024 * 1024)
  const events = parts.events ?? {}
  const holders = new Map<string, number>()
  const holderOf = (bucket: string, objectKey: string) => JSON.stringify([bucket, objectKey])

  const lru: ByteLru<MemoryEntry> | undefined =
    maxBytes > 0
      ? createByteLru<MemoryEntry>({
          maxBytes,
          maxEntryBytes: Math.min(maxEntryBytes + TEXT_ALLOWANCE, maxBytes),
          onRemove(_key, entry, _bytes, reason) {
            const left = (holders.get(entry.holder) ?? 1) - 1
            if (left > 0) holders.set(entry.holder, left)
            else holders.delete(entry.holder)
            if (reason === 'evicted') events.evicted?.('memory', 1)
          },
        })
      : undefined
  const tier: StorageTier | undefined = shared
    ? createStorageTier(parts.results!, shared, (deleted) => deleted > 0 && events.evicted?.('storage', deleted))
    : undefined
  const pending = new Set<Promise<void>>()

  function remember(bucket: string, objectKey: string, result: CachedResult): void {
    if (!lru || result.body.byteLength > maxEntryBytes) return
    const holder = holderOf(bucket, objectKey)
    if (lru.set(result.key, { result, holder }, entryBytes(result))) holders.set(holder, (holders.get(holder) ?? 0) + 1)
    events.size?.(lru.size, lru.bytes)
  }

  function inBackground(work: Promise<void>): void {
    const tracked = work.catch((error) => events.failed?.(error)).finally(() => pending.delete(tracked))
    pending.add(tracked)
  }

  return {
    namespace: options.namespace ?? 'default',
    maxEntryBytes,
    mayHold: (bucket, objectKey) => tier !== undefined || holders.has(holderOf(bucket, objectKey)),
    async find(bucket, objectKey, key) {
      const inMemory = lru?.get(key)
      if (inMemory) return { result: inMemory.result, tier: 'memory' }
      if (!tier) return undefined
      try {
        const result = await tier.get(bucket, key)
        if (!result) return undefined
        remember(bucket, objectKey, result)
        return { result, tier: 'storage' }
      } catch (error) {
        events.failed?.(error)
        return undefined
      }
    },
    store(bucket, objectKey, result) {
      if (result.body.byteLength > maxEntryBytes) return
      const owned: CachedResult = { ...result, body: result.body.slice(), dependencies: [...result.dependencies] }
      if (lru) {
        remember(bucket, objectKey, owned)
        events.stored?.('memory')
      }
      if (tier) inBackground(tier.put(bucket, owned).then(() => events.stored?.('storage')))
    },
    counted: (outcome, tierName) => events.lookup?.(outcome, tierName),
    async idle() {
      while (pending.size > 0) await Promise.all(pending)
    },
    get entries() {
      return lru?.size ?? 0
    },
    get bytes() {
      return lru?.bytes ?? 0
    },
  }
}
