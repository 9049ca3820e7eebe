/**
 * The filesystem adapter (Node): the embedded default. Layout under `root`:
 *
 *   <root>/<bucket>/bucket.json    ACL and creation time
 *   <root>/<bucket>/styles.json    the bucket's styles, in creation order
 *   <root>/<bucket>/o/…            one file per object (node-fs-layout.ts, node-fs-files.ts)
 *   <root>/<bucket>/r/<sha-256>    the server's stored results, never objects (node-fs-results.ts)
 *   <root>/~tmp-*, ~trash-*        bucket creation and deletion in progress
 *
 * Every write is temp file + fsync + rename, so a crash leaves the old or the new version; the
 * temp files and folders a crash leaves are removed by the orphan sweep (node-fs-sweep.ts).
 * Styles and bucket settings are read-modify-write; within one process they are serialised,
 * across processes the last writer wins.
 */
import { createHash } from 'node:crypto'
import { mkdir, readdir, unlink } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { concatBytes, ImgError, toImgError } from '@imgproc/types'
import type {
  Acl, BucketInfo, Body, GetOptions, ListOptions, ListResult, NotModified, ObjectMeta, PutOptions,
  StorageAdapter, StoredObject, Style, StyleInput,
} from '@imgproc/types'
import { chunksOf, throwIfAborted } from './bytes.js'
import { evaluateConditions, resolveRange } from './conditions.js'
import { compareKeys, paginate } from './listing.js'
import { assertBucketName, assertObjectKey, assertStyleName } from './names.js'
import { cloneMeta, metaFromPut, noSuchBucket, noSuchKey } from './object-meta.js'
import { byCreation, cloneStyle, DEFAULT_MAX_STYLES, nextStyle } from './style-store.js'
import { encodeTrailer, ensureDir, isMissing, writeAll, writeAtomically } from './node-fs-files.js'
import { closeFd, fdStream, openObject as openObjectAt, readAt, readWhole, storedBytes } from './node-fs-read.js'
import { openedObject } from './opened-object.js'
import { keySegments } from './node-fs-layout.js'
import { allKeys, hasAnyObject, pruneEmptyDirs } from './node-fs-walk.js'
import { readBucketInfo, readStyles, writeBucketInfo, writeStyles } from './node-fs-settings.js'
import { publishBucketDir, retireBucketDir } from './node-fs-bucket-dirs.js'
import { startOrphanSweeps, type OrphanSweepOptions, type SweepReport } from './node-fs-sweep.js'
import { createFileResults } from './node-fs-results.js'

export interface FileStorageOptions extends OrphanSweepOptions {
  /** the data folder (created when missing) */
  root: string
  /** styles per bucket, default 100 (see DEFAULT_MAX_STYLES) */
  maxStyles?: number
  /**
   * `get` reads a body of at most this many bytes (or a range of at most this many) in one go and
   * returns it as `bytes` as well; larger ones are streamed from the open file. Default 1 MiB.
   */
  wholeReadBytes?: number
}

/** See FileStorageOptions.wholeReadBytes: 64 requests in flight hold at most 64 MiB this way. */
export const DEFAULT_WHOLE_READ_BYTES = 1024 * 1024

/** The filesystem adapter: a StorageAdapter plus its orphan sweep. */
export interface FileStorage extends StorageAdapter {
  /** the sweep started with the adapter (it does not delay the adapter's use) */
  readonly startupSweep: Promise<SweepReport>
  /** sweeps now (or joins the sweep under way); never rejects */
  sweepOrphans(): Promise<SweepReport>
  /** stops the periodic sweep; the adapter itself keeps working */
  close(): Promise<void>
}

export type { OrphanSweepOptions, SweepReport }

export function createFileStorage(options: FileStorageOptions): FileStorage {
  const root = resolve(options.root)
  const maxStyles = options.maxStyles ?? DEFAULT_MAX_STYLES
  const wholeReadBytes = options.wholeReadBytes ?? DEFAULT_WHOLE_READ_BYTES
  const sweeps = startOrphanSweeps(root, options)
  const bucketDir = (bucket: string) => join(root, bucket)
  const objectsDir = (bucket: string) => join(root, bucket, 'o')
  const objectPath = (bucket: string, key: string) => join(objectsDir(bucket), ...keySegments(key))
  const locks = new Map<string, Promise<unknown>>()

  /** Runs read-modify-write steps on one bucket's JSON files one at a time (in this process). */
  function serialised<T>(bucket: string, task: () => Promise<T>): Promise<T> {
    const previous = locks.get(bucket) ?? Promise.resolve()
    const next = previous.then(task, task)
    locks.set(bucket, next.catch(() => {}))
    return next
  }

  const bucketInfo = (bucket: string) => readBucketInfo(bucketDir(bucket), bucket)

  async function requireBucket(bucket: string): Promise<BucketInfo> {
    assertBucketName(bucket)
    const info = await bucketInfo(bucket)
    if (!info) throw noSuchBucket(bucket)
    return info
  }

  /** Checks both names without reading anything unless the key is bad: a missing bucket is reported first, whatever the key. */
  async function assertNames(bucket: string, key: string): Promise<void> {
    assertBucketName(bucket)
    try {
      assertObjectKey(key)
    } catch (error) {
      await requireBucket(bucket)
      throw error
    }
  }

  /**
   * Checks the names, then opens the object (its metadata, and its body when the file is at most
   * `wholeUpTo` bytes). An object file exists only inside an existing bucket, so the bucket's
   * settings are read only when the object is missing (NoSuchBucket, or null).
   */
  async function openObject(bucket: string, key: string, wholeUpTo: number) {
    await assertNames(bucket, key)
    const found = await openObjectAt(objectPath(bucket, key), key, wholeUpTo)
    if (!found) await requireBucket(bucket)
    return found
  }

  async function writeObject(bucket: string, key: string, body: Body, opts: PutOptions): Promise<ObjectMeta> {
    const target = objectPath(bucket, key)
    let meta: ObjectMeta | undefined
    const write = async (handle: import('node:fs/promises').FileHandle) => {
      if (body instanceof Uint8Array) {
        // node:crypto's MD5 (native, ~5x the pure-JS one used by the runtime-neutral adapters)
        meta = metaFromPut(key, body.length, createHash('md5').update(body).digest('hex'), new Date(), opts)
        throwIfAborted(opts.signal)
        await writeAll(handle, concatBytes([body, encodeTrailer(meta)]))
        return
      }
      const hash = createHash('md5')
      let size = 0
      for await (const chunk of chunksOf(body, opts.signal)) {
        hash.update(chunk)
        size += chunk.length
        await writeAll(handle, chunk)
      }
      throwIfAborted(opts.signal)
      meta = metaFromPut(key, size, hash.digest('hex'), new Date(), opts)
      await writeAll(handle, encodeTrailer(meta))
    }
    let written: boolean
    try {
      written = await writeAtomically(target, write, opts.ifNoneMatch === '*')
    } catch (error) {
      // the key's folder is missing (a new prefix, or pruned by a delete), or the bucket is:
      // the temp file could not even be created, so nothing of the body was read yet
      if (!isMissing(error) || meta) throw error
      if (!(await bucketInfo(bucket))) throw noSuchBucket(bucket)
      await ensureDir(dirname(target))
      written = await writeAtomically(target, write, opts.ifNoneMatch === '*')
    }
    if (!written) throw new ImgError('PreconditionFailed', 'The object already exists (If-None-Match: *).', { fields: { Key: key } })
    return meta!
  }

  /** Wraps unexpected failures (I/O) as InternalError with the cause; ImgErrors pass through. */
  const guard = async <T>(task: () => Promise<T>): Promise<T> => {
    try {
      return await task()
    } catch (error) {
      throw toImgError(error, 'InternalError')
    }
  }

  return {
    name: 'filesystem',
    results: createFileResults({ bucketDir, requireBucket }),
    startupSweep: sweeps.startup,
    sweepOrphans: sweeps.run,
    close: sweeps.stop,

    createBucket: (bucket, opts = {}) =>
      guard(async () => {
        assertBucketName(bucket)
        await mkdir(root, { recursive: true })
        if (await bucketInfo(bucket)) return false
        return publishBucketDir(root, bucket, { acl: opts.acl ?? 'private', createdAt: Date.now() })
      }),

    headBucket: (bucket) =>
      guard(async () => {
        assertBucketName(bucket)
        return bucketInfo(bucket)
      }),

    listBuckets: () =>
      guard(async () => {
        let names: string[]
        try {
          names = await readdir(root)
        } catch (error) {
          if (isMissing(error)) return []
          throw error
        }
        const infos = await Promise.all(names.filter((n) => /^[a-z0-9-]{3,63}$/.test(n)).map((n) => bucketInfo(n)))
        return infos.filter((info): info is BucketInfo => info !== null).sort((a, b) => compareKeys(a.name, b.name))
      }),

    deleteBucket: (bucket) =>
      guard(async () => {
        await requireBucket(bucket)
        if (await hasAnyObject(objectsDir(bucket))) throw new ImgError('BucketNotEmpty', undefined, { fields: { BucketName: bucket } })
        await retireBucketDir(root, bucket)
      }),

    setBucketAcl: (bucket, acl) =>
      guard(() =>
        serialised(bucket, async () => {
          const info = await requireBucket(bucket)
          await writeBucketInfo(bucketDir(bucket), { acl, createdAt: info.createdAt.getTime() })
        }),
      ),

    get: (bucket, key, opts: GetOptions = {}) =>
      guard(async (): Promise<StoredObject | NotModified | null> => {
        throwIfAborted(opts.signal)
        // a range needs the size first; without one a small object is read whole at once
        const found = await openObject(bucket, key, opts.range ? 0 : wholeReadBytes)
        if (!found) return null
        const { meta, bytes, fd } = found
        let streamed = false
        try {
          const notModified = evaluateConditions(meta, opts)
          if (notModified) return notModified
          if (bytes) return storedBytes(meta, bytes)
          const range = opts.range ? resolveRange(opts.range, meta.size) : undefined
          const span = range ?? { start: 0, end: meta.size - 1 }
          const length = span.end - span.start + 1
          if (length <= wholeReadBytes) return storedBytes(meta, await readAt(fd, span.start, length), range)
          streamed = true // the stream closes the file
          return { ...meta, body: fdStream(fd, span.start, span.end), ...(range ? { range } : {}) }
        } finally {
          if (fd !== -1 && !streamed) closeFd(fd)
        }
      }),

    head: (bucket, key) =>
      guard(async () => {
        const found = await openObject(bucket, key, 0)
        if (!found) return null
        closeFd(found.fd)
        return found.meta
      }),

    open: (bucket, key) =>
      guard(async () => {
        const found = await openObject(bucket, key, 0)
        if (!found) return null
        // the descriptor holds this version's file even if a writer renames a new one into place
        const { meta, fd } = found
        return openedObject(meta, () => readWhole(fd, meta.size, key), () => closeFd(fd), fd)
      }),

    put: (bucket, key, body, opts = {}) =>
      guard(async () => {
        throwIfAborted(opts.signal)
        await assertNames(bucket, key)
        // no settings read: a missing bucket shows as a missing folder (writeObject)
        return writeObject(bucket, key, body, opts)
      }),

    delete: (bucket, key) =>
      guard(async () => {
        await requireBucket(bucket)
        assertObjectKey(key)
        const path = objectPath(bucket, key)
        try {
          await unlink(path)
        } catch (error) {
          if (!isMissing(error)) throw error
        }
        await pruneEmptyDirs(dirname(path), objectsDir(bucket))
      }),

    setObjectAcl: (bucket, key, acl) =>
      guard(async () => {
        const found = await openObject(bucket, key, 0)
        if (!found) throw noSuchKey(bucket, key)
        // rewrite the whole file with the new trailer: the ACL changes atomically with the rest
        const meta = { ...cloneMeta(found.meta), acl }
        const body = fdStream(found.fd, 0, meta.size - 1)
        try {
          await writeAtomically(objectPath(bucket, key), async (target) => {
            for await (const chunk of chunksOf(body)) await writeAll(target, chunk)
            await writeAll(target, encodeTrailer(meta))
          })
        } finally {
          await body.cancel().catch(() => {})
        }
      }),

    list: (bucket, opts: ListOptions = {}) =>
      guard(async (): Promise<ListResult> => {
        throwIfAborted(opts.signal)
        await requireBucket(bucket)
        const keys = (await allKeys(objectsDir(bucket))).filter((k) => k.startsWith(opts.prefix ?? ''))
        const page = paginate(keys.sort(compareKeys), opts)
        const objects = []
        for (const key of page.keys) {
          const found = await openObjectAt(objectPath(bucket, key), key, 0)
          if (!found) continue // deleted since the walk
          closeFd(found.fd)
          const { size, etag, lastModified } = found.meta
          objects.push({ key, size, etag, lastModified })
        }
        return { objects, commonPrefixes: page.commonPrefixes, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) }
      }),

    putStyle: (bucket, input: StyleInput) =>
      guard(() =>
        serialised(bucket, async () => {
          await requireBucket(bucket)
          const styles = await readStyles(bucketDir(bucket))
          const style = nextStyle(input, styles.find((s) => s.name === input.name), styles.length, maxStyles)
          await writeStyles(bucketDir(bucket), [...styles.filter((s) => s.name !== style.name), style].sort(byCreation))
          return cloneStyle(style)
        }),
      ),

    getStyle: (bucket, name) =>
      guard(async () => {
        await requireBucket(bucket)
        assertStyleName(name)
        return (await readStyles(bucketDir(bucket))).find((s) => s.name === name) ?? null
      }),

    listStyles: (bucket) =>
      guard(async () => {
        await requireBucket(bucket)
        return readStyles(bucketDir(bucket))
      }),

    deleteStyle: (bucket, name) =>
      guard(() =>
        serialised(bucket, async () => {
          await requireBucket(bucket)
          assertStyleName(name)
          const styles = await readStyles(bucketDir(bucket))
          if (styles.some((s) => s.name === name)) await writeStyles(bucketDir(bucket), styles.filter((s) => s.name !== name))
        }),
      ),
  }
}

