/**
 * The memory adapter: everything in Maps, for tests, browsers and Workers. Bodies are copied
 * in and out, so callers can never mutate what is stored.
 */
import { ImgError } from '@imgproc/types'
import type {
  OpenedObject,
  Acl, BucketInfo, Body, GetOptions, ListOptions, ListResult, NotModified, ObjectMeta, PutOptions,
  ResultStorage, StorageAdapter, StoredObject, Style, StyleInput,
} from '@imgproc/types'
import { md5Hex, readAll, streamOf, throwIfAborted } from './bytes.js'
import { evaluateConditions, resolveRange } from './conditions.js'
import { compareKeys, paginate } from './listing.js'
import { openedObject } from './opened-object.js'
import { assertBucketName, assertObjectKey, assertResultName, assertStyleName } from './names.js'
import { cloneMeta, metaFromPut, noSuchBucket, noSuchKey } from './object-meta.js'
import { cloneStyle, DEFAULT_MAX_STYLES, nextStyle } from './style-store.js'
import { withTypedErrors } from './typed-errors.js'

export interface MemoryStorageOptions {
  /** styles per bucket, default 100 (see DEFAULT_MAX_STYLES) */
  maxStyles?: number
}

interface MemoryBucket {
  info: BucketInfo
  objects: Map<string, { meta: ObjectMeta; bytes: Uint8Array }>
  /** sorted key list, rebuilt lazily after a key is added or removed */
  sorted: string[] | undefined
  /** insertion order = creation order */
  styles: Map<string, Style>
  /** the server's stored results (ResultStorage): beside the objects, gone with the bucket */
  results: Map<string, { bytes: Uint8Array; lastModified: Date }>
}

export function createMemoryStorage(options: MemoryStorageOptions = {}): StorageAdapter {
  const maxStyles = options.maxStyles ?? DEFAULT_MAX_STYLES
  const buckets = new Map<string, MemoryBucket>()

  function bucketOf(bucket: string): MemoryBucket {
    assertBucketName(bucket)
    const found = buckets.get(bucket)
    if (!found) throw noSuchBucket(bucket)
    return found
  }

  function sortedKeys(b: MemoryBucket): string[] {
    b.sorted ??= [...b.objects.keys()].sort(compareKeys)
    return b.sorted
  }

  const results: ResultStorage = {
    async get(bucket, name) {
      const b = bucketOf(bucket)
      assertResultName(name)
      const found = b.results.get(name)
      return found ? found.bytes.slice() : null
    },
    async put(bucket, name, bytes) {
      const b = bucketOf(bucket)
      assertResultName(name)
      b.results.set(name, { bytes: bytes.slice(), lastModified: new Date() })
    },
    async delete(bucket, name) {
      const b = bucketOf(bucket)
      assertResultName(name)
      b.results.delete(name)
    },
    async list(bucket) {
      return [...bucketOf(bucket).results].map(([name, r]) => ({ name, size: r.bytes.length, lastModified: new Date(r.lastModified) }))
    },
  }

  return withTypedErrors({
    name: 'memory',
    results,

    async createBucket(bucket: string, opts: { acl?: Acl } = {}): Promise<boolean> {
      assertBucketName(bucket)
      if (buckets.has(bucket)) return false
      buckets.set(bucket, {
        info: { name: bucket, acl: opts.acl ?? 'private', createdAt: new Date() },
        objects: new Map(),
        sorted: [],
        styles: new Map(),
        results: new Map(),
      })
      return true
    },

    async headBucket(bucket: string): Promise<BucketInfo | null> {
      assertBucketName(bucket)
      const found = buckets.get(bucket)
      return found ? { ...found.info, createdAt: new Date(found.info.createdAt) } : null
    },

    async listBuckets(): Promise<BucketInfo[]> {
      return [...buckets.values()]
        .map((b) => ({ ...b.info, createdAt: new Date(b.info.createdAt) }))
        .sort((a, b) => compareKeys(a.name, b.name))
    },

    async deleteBucket(bucket: string): Promise<void> {
      const b = bucketOf(bucket)
      if (b.objects.size > 0) throw new ImgError('BucketNotEmpty', undefined, { fields: { BucketName: bucket } })
      buckets.delete(bucket)
    },

    async setBucketAcl(bucket: string, acl: Acl): Promise<void> {
      bucketOf(bucket).info.acl = acl
    },

    async get(bucket: string, key: string, opts: GetOptions = {}): Promise<StoredObject | NotModified | null> {
      throwIfAborted(opts.signal)
      const b = bucketOf(bucket)
      assertObjectKey(key)
      const entry = b.objects.get(key)
      if (!entry) return null
      const meta = cloneMeta(entry.meta)
      const notModified = evaluateConditions(meta, opts)
      if (notModified) return notModified
      if (!opts.range) return { ...meta, body: streamOf(entry.bytes) }
      const range = resolveRange(opts.range, meta.size)
      return { ...meta, body: streamOf(entry.bytes.subarray(range.start, range.end + 1)), range }
    },

    async head(bucket: string, key: string): Promise<ObjectMeta | null> {
      const b = bucketOf(bucket)
      assertObjectKey(key)
      const entry = b.objects.get(key)
      return entry ? cloneMeta(entry.meta) : null
    },

    async open(bucket: string, key: string): Promise<OpenedObject | null> {
      const b = bucketOf(bucket)
      assertObjectKey(key)
      const entry = b.objects.get(key)
      // the entry is this version (an overwrite stores a new one); the reader gets a copy it may transfer
      return entry ? openedObject(cloneMeta(entry.meta), async () => entry.bytes.slice()) : null
    },

    async put(bucket: string, key: string, body: Body, opts: PutOptions = {}): Promise<ObjectMeta> {
      bucketOf(bucket)
      assertObjectKey(key)
      const bytes = await readAll(body, opts.signal)
      const b = bucketOf(bucket) // the bucket may have gone while the body streamed in
      if (opts.ifNoneMatch === '*' && b.objects.has(key)) {
        throw new ImgError('PreconditionFailed', 'The object already exists (If-None-Match: *).', { fields: { Key: key } })
      }
      const meta = metaFromPut(key, bytes.length, md5Hex(bytes), new Date(), opts)
      if (!b.objects.has(key)) b.sorted = undefined
      b.objects.set(key, { meta, bytes })
      return cloneMeta(meta)
    },

    async delete(bucket: string, key: string): Promise<void> {
      const b = bucketOf(bucket)
      assertObjectKey(key)
      if (b.objects.delete(key)) b.sorted = undefined
    },

    async setObjectAcl(bucket: string, key: string, acl: Acl): Promise<void> {
      const b = bucketOf(bucket)
      assertObjectKey(key)
      const entry = b.objects.get(key)
      if (!entry) throw noSuchKey(bucket, key)
      entry.meta = { ...entry.meta, acl }
    },

    async list(bucket: string, opts: ListOptions = {}): Promise<ListResult> {
      throwIfAborted(opts.signal)
      const b = bucketOf(bucket)
      const page = paginate(sortedKeys(b), opts)
      const objects = page.keys.map((key) => {
        const { size, etag, lastModified } = b.objects.get(key)!.meta
        return { key, size, etag, lastModified: new Date(lastModified) }
      })
      return { objects, commonPrefixes: page.commonPrefixes, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) }
    },

    async putStyle(bucket: string, input: StyleInput): Promise<Style> {
      const b = bucketOf(bucket)
      const style = nextStyle(input, b.styles.get(input.name), b.styles.size, maxStyles)
      b.styles.set(style.name, style)
      return cloneStyle(style)
    },

    async getStyle(bucket: string, name: string): Promise<Style | null> {
      const b = bucketOf(bucket)
      assertStyleName(name)
      const style = b.styles.get(name)
      return style ? cloneStyle(style) : null
    },

    async listStyles(bucket: string): Promise<Style[]> {
      return [...bucketOf(bucket).styles.values()].map(cloneStyle)
    },

    async deleteStyle(bucket: string, name: string): Promise<void> {
      const b = bucketOf(bucket)
      assertStyleName(name)
      b.styles.delete(name)
    },
  })
}
