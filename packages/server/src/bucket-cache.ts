/**
 * Bucket settings (whether a bucket exists, and its ACL: `storage.headBucket`) are read by almost
 * every request, before any object. `withBucketCache(storage, { ttlMs })` keeps each answer for
 * `ttlMs` per process, so a busy bucket costs one settings read per `ttlMs` rather than one per
 * request (a file read with the filesystem adapter, a round trip with S3).
 *
 * Staleness, bounded and documented (README, *Running several replicas*):
 * - Changes made through this handler (PutBucket, DeleteBucket, PutBucketAcl) are seen at once:
 *   they drop the bucket's entry before and after the write, and an entry read while a write runs
 *   is dropped with it.
 * - Changes made elsewhere (another replica on the same store, another process on the same data
 *   folder) are seen within `ttlMs`: an entry lives `ttlMs` from the moment its read started.
 * - Object ACLs are never cached: they live in the object's metadata, read with the object.
 * - Failed reads are not kept. The cache holds at most `maxEntries` buckets (names come from
 *   clients: a flood of made-up names evicts expired entries, then everything).
 */
import type { BucketInfo, StorageAdapter } from '@imgproc/types'

export interface BucketCacheOptions {
  /** how long a read bucket's settings are used; 0 turns the cache off */
  ttlMs: number
  /** most buckets held; default 10,000 */
  maxEntries?: number
  /** the clock (tests) */
  now?: () => number
}

/** What Node's `serve()` uses for `HandlerOptions.bucketCacheMs` unless told otherwise (the handler's own default is 0). */
export const DEFAULT_BUCKET_CACHE_MS = 1000

interface Entry {
  info: Promise<BucketInfo | null>
  expires: number
}

/** `storage` with `headBucket` cached (see the module comment); every other member is the adapter's own. */
export function withBucketCache(storage: StorageAdapter, options: BucketCacheOptions): StorageAdapter {
  if (options.ttlMs <= 0) return storage
  const { ttlMs } = options
  const maxEntries = options.maxEntries ?? 10_000
  const now = options.now ?? Date.now
  const entries = new Map<string, Entry>()

  function makeRoom(at: number): void {
    if (entries.size < maxEntries) return
    for (const [bucket, entry] of entries) if (entry.expires <= at) entries.delete(bucket)
    if (entries.size >= maxEntries) entries.clear()
  }

  function headBucket(bucket: string): Promise<BucketInfo | null> {
    const at = now()
    const hit = entries.get(bucket)
    if (hit && hit.expires > at) return hit.info
    makeRoom(at)
    const entry: Entry = { info: storage.headBucket(bucket), expires: at + ttlMs }
    entries.set(bucket, entry)
    entry.info.catch(() => {
      if (entries.get(bucket) === entry) entries.delete(bucket)
    })
    return entry.info
  }

  /** A write to a bucket's settings: its entry goes before (no reader starts from it) and after (none read during the write stays). */
  const writing =
    <A extends unknown[], R>(write: (bucket: string, ...rest: A) => Promise<R>) =>
    async (bucket: string, ...rest: A): Promise<R> => {
      entries.delete(bucket)
      try {
        return await write(bucket, ...rest)
      } finally {
        entries.delete(bucket)
      }
    }

  return delegateTo(storage, {
    headBucket,
    createBucket: writing((bucket, opts?: { acl?: BucketInfo['acl'] }) => storage.createBucket(bucket, opts)),
    deleteBucket: writing((bucket) => storage.deleteBucket(bucket)),
    setBucketAcl: writing((bucket, acl: BucketInfo['acl']) => storage.setBucketAcl(bucket, acl)),
  })
}

/**
 * An adapter that answers `overrides` itself and passes everything else to `target` (methods
 * bound to it, so an adapter written as a class keeps its `this`; getters read through).
 */
function delegateTo(target: StorageAdapter, overrides: Partial<StorageAdapter>): StorageAdapter {
  const out: Record<string, unknown> = {}
  for (let level: object | null = target; level !== null && level !== Object.prototype; level = Object.getPrototypeOf(level)) {
    for (const name of Object.getOwnPropertyNames(level)) {
      if (name === 'constructor' || name in overrides || Object.prototype.hasOwnProperty.call(out, name)) continue
      const descriptor = Object.getOwnPropertyDescriptor(level, name)!
      if (typeof descriptor.value === 'function') Object.defineProperty(out, name, { value: (descriptor.value as (...args: unknown[]) => unknown).bind(target), enumerable: true })
      else Object.defineProperty(out, name, { get: () => (target as unknown as Record<string, unknown>)[name], enumerable: true })
    }
  }
  return Object.assign(out, overrides) as unknown as StorageAdapter
}
