/**
 * The shared tier of the result cache: results kept by the storage adapter (`storage.results`),
 * so replicas sharing a store find what one of them computed. Each result is stored under the
 * SHA-256 of its full key, in its source's bucket; the key is stored with it and compared on
 * read, so a name collision or a foreign record is a miss, never a wrong image.
 *
 * Invalidation needs no message between replicas: a new source version or style content makes a
 * new key, and dependencies are re-checked on every hit (cached-processing.ts). What is no longer
 * reachable is trimmed: after every `trimEvery` stores into a bucket (per replica), that bucket's
 * results older than `maxAgeMs` are deleted, then the oldest until the rest fit `maxBytesPerBucket`.
 * A restarted or racing replica can overshoot the bound by up to `trimEvery` results per replica
 * until the next trim.
 */
import type { ResultStorage } from '@imgproc/types'
import { decodeResult, encodeResult, type CachedResult } from './envelope.js'
import { storedName } from './result-key.js'

export interface SharedTierOptions {
  /** bytes of results kept per bucket, default 256 MiB */
  maxBytesPerBucket?: number
  /** results older than this are deleted when a bucket is trimmed, default 7 days */
  maxAgeMs?: number
  /** trim a bucket after this many stores into it, default 64 */
  trimEvery?: number
}

export interface StorageTier {
  /** the result stored under `key`, or undefined (missing, foreign, unreadable) */
  get(bucket: string, key: string): Promise<CachedResult | undefined>
  /** stores it, and trims the bucket when its turn has come */
  put(bucket: string, result: CachedResult): Promise<void>
  /** deletes what is too old, then the oldest past the byte bound; resolves to the number deleted */
  trim(bucket: string): Promise<number>
}

export const SHARED_TIER_DEFAULTS: Required<SharedTierOptions> = {
  maxBytesPerBucket: 256 * 1024 * 1024,
  maxAgeMs: 7 * 24 * 3600 * 1000,
  trimEvery: 64,
}

export function createStorageTier(results: ResultStorage, options: SharedTierOptions = {}, onTrimmed?: (deleted: number) => void): StorageTier {
  const { maxBytesPerBucket, maxAgeMs, trimEvery } = { ...SHARED_TIER_DEFAULTS, ...options }
  const storesSinceTrim = new Map<string, number>()
  const trimming = new Map<string, Promise<number>>()

  async function trimNow(bucket: string): Promise<number> {
    const now = Date.now()
    const listed = (await results.list(bucket)).sort((a, b) => b.lastModified.getTime() - a.lastModified.getTime())
    let kept = 0
    let deleted = 0
    for (const entry of listed) {
      const tooOld = now - entry.lastModified.getTime() > maxAgeMs
      if (!tooOld && kept + entry.size <= maxBytesPerBucket) {
        kept += entry.size
        continue
      }
      await results.delete(bucket, entry.name)
      deleted++
    }
    onTrimmed?.(deleted)
    return deleted
  }

  function trim(bucket: string): Promise<number> {
    let running = trimming.get(bucket)
    if (!running) {
      running = trimNow(bucket).finally(() => trimming.delete(bucket))
      trimming.set(bucket, running)
    }
    return running
  }

  return {
    async get(bucket, key) {
      const bytes = await results.get(bucket, await storedName(key))
      const result = bytes ? decodeResult(bytes) : undefined
      return result?.key === key ? result : undefined
    },
    async put(bucket, result) {
      await results.put(bucket, await storedName(result.key), encodeResult(result))
      const count = (storesSinceTrim.get(bucket) ?? 0) + 1
      if (count < trimEvery) {
        storesSinceTrim.set(bucket, count)
        return
      }
      storesSinceTrim.delete(bucket)
      await trim(bucket)
    },
    trim,
  }
}
