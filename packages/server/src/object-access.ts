/**
 * The one authorisation path for objects read or written on behalf of a request: the source of a
 * GET or of image work, every watermark object, and saveas / OBS persistence targets. Each goes
 * through the same bucket lookup and ACL rule as a direct GET or PUT of that object by the same
 * caller (acl.ts), as MinIO's CopyObject checks GetObject on its source.
 *
 * The image processor never sees storage: it gets `loader()`, a function already bound to the
 * caller, so an action that reads objects cannot skip the check. A denied read answers exactly as
 * a denied GET (403 AccessDenied, the same whether or not the key exists: the ACL is checked before
 * existence), so a watermark cannot be used as an existence oracle either.
 */
import { ImgError, type ObjectFile, type ObjectMeta, type OpenedObject, type StorageAdapter, type StoredObject } from '@imgproc/types'
import { allows, authorize, effectiveAcl } from './acl.js'
import type { Caller } from './auth/index.js'
import { readStream } from './body.js'
import type { LoadObject } from './processor.js'

export interface ObjectAccessParts {
  storage: StorageAdapter
  caller: Caller
  /** the request's signal: reads stop when the client leaves or the deadline passes (read only when a read needs it) */
  readonly signal: AbortSignal
  /** the largest object read for image work (limits.maxSourceBytes) */
  maxReadBytes: number
}

export interface ObjectAccess {
  readonly caller: Caller
  /** metadata of an object the caller may read: NoSuchBucket, AccessDenied or NoSuchKey otherwise */
  readableMeta(bucket: string, key: string): Promise<ObjectMeta>
  /**
   * The object itself, metadata and body from one storage read, under the same checks as
   * `readableMeta` (the ACL decided on the metadata read with the body). Its body is the caller's
   * to read or cancel (`bytes`, when present, needs neither). `signal` stops the read.
   */
  readableObject(bucket: string, key: string, signal?: AbortSignal): Promise<StoredObject>
  /**
   * the bytes of an object the caller may read, refused past `maxReadBytes` before reading;
   * `meta` is the metadata of the bytes read (the version a result made from them depends on)
   */
  readBytes(bucket: string, key: string): Promise<{ meta: ObjectMeta; bytes: Uint8Array }>
  /**
   * The same object's body as a file held open (`OpenedObject.takeFile`), under the same checks
   * and cap as `readBytes`, for an image worker of this process to read itself; undefined when the
   * adapter did not open it as a file (then `readBytes`). The file is the caller's to close.
   */
  readableFile(bucket: string, key: string): Promise<{ meta: ObjectMeta; file: ObjectFile } | undefined>
  /** throws unless the caller may write `bucket/key` (an existing object's own ACL counts) */
  assertWritable(bucket: string, key: string): Promise<void>
  /**
   * a watermark loader bound to this caller (each object read once per loader); OSS keys resolve
   * in `sourceBucket`; without one (an uploaded source) only OBS `bucket/key` names can be read.
   * `onRead` learns every object it read (null: missing), for the result cache's dependencies
   */
  loader(sourceBucket?: string, onRead?: ReadObserver): LoadObject
  /**
   * Frees what this request's reads still hold: objects opened for their metadata (adapters with
   * `open`) whose body was never read, as when a cached result answered. Called once the request
   * is answered; reads after it still work and hold nothing.
   */
  release(): void
}

/** Told each object a loader read: its metadata as read, or null when it does not exist. */
export type ReadObserver = (bucket: string, key: string, meta: ObjectMeta | null) => void

export function noSuchBucket(bucket: string): ImgError {
  return new ImgError('NoSuchBucket', undefined, { fields: { BucketName: bucket } })
}

export function createObjectAccess(parts: ObjectAccessParts): ObjectAccess {
  return new CallerAccess(parts)
}

/** A class rather than closures: one is made per request, and most requests call one method of it. */
class CallerAccess implements ObjectAccess {
  readonly caller: Caller
  private readonly storage: StorageAdapter
  private readonly maxReadBytes: number
  // one request asks about an object more than once (the route, then the job): decide once
  private decided: Map<string, Promise<ObjectMeta>> | undefined
  // objects opened for that decision, whose body readBytes takes: the bytes are then of the very
  // version the ACL was checked on, and a file is opened once (the filesystem adapter)
  private held: Map<string, OpenedObject> | undefined
  private released = false

  constructor(private readonly parts: ObjectAccessParts) {
    this.caller = parts.caller
    this.storage = parts.storage
    this.maxReadBytes = parts.maxReadBytes
  }

  private async bucketAcl(bucket: string) {
    const info = await this.storage.headBucket(bucket)
    if (info === null) throw noSuchBucket(bucket)
    return info.acl
  }

  readableMeta(bucket: string, key: string): Promise<ObjectMeta> {
    const id = `${bucket}/${key}`
    this.decided ??= new Map()
    let meta = this.decided.get(id)
    if (!meta) this.decided.set(id, (meta = this.checkRead(bucket, key)))
    return meta
  }

  private async checkRead(bucket: string, key: string): Promise<ObjectMeta> {
    const acl = await this.bucketAcl(bucket)
    const opened = this.storage.open ? await this.storage.open(bucket, key) : undefined
    const meta = opened === undefined ? await this.storage.head(bucket, key) : (opened?.meta ?? null)
    try {
      // ACL before existence: a caller who may not read learns nothing about the keys
      authorize(this.caller, 'read', effectiveAcl(acl, meta?.acl))
    } catch (error) {
      opened?.close()
      throw error
    }
    if (meta === null) throw new ImgError('NoSuchKey', undefined, { fields: { Key: key } })
    if (opened) this.hold(`${bucket}/${key}`, opened)
    return meta
  }

  private hold(id: string, opened: OpenedObject): void {
    if (this.released) return opened.close()
    ;(this.held ??= new Map()).set(id, opened)
  }

  release(): void {
    this.released = true
    for (const opened of this.held?.values() ?? []) opened.close()
    this.held = undefined
  }

  async readableObject(bucket: string, key: string, signal?: AbortSignal): Promise<StoredObject> {
    const acl = await this.bucketAcl(bucket)
    // an anonymous caller the bucket does not let read is most likely refused: decide on the
    // metadata first rather than start reading a body to throw away (the check below still counts)
    if (this.caller.anonymous && !allows(acl, 'read')) await this.readableMeta(bucket, key)
    const stored = await this.storage.get(bucket, key, signal ? { signal } : {})
    const meta = stored === null ? null : stored.notModified ? stored.meta : stored
    try {
      // ACL before existence, as in checkRead
      authorize(this.caller, 'read', effectiveAcl(acl, meta?.acl))
    } catch (error) {
      if (stored && !stored.notModified && !stored.bytes) await stored.body.cancel().catch(() => {})
      throw error
    }
    if (stored === null || stored.notModified) throw new ImgError('NoSuchKey', undefined, { fields: { Key: key } })
    return stored
  }

  /** The checks every read for image work passes: the caller may read it, and it is within the cap. */
  private async readableWithin(bucket: string, key: string): Promise<ObjectMeta> {
    const meta = await this.readableMeta(bucket, key)
    if (meta.size > this.maxReadBytes) {
      throw new ImgError('ImageTooLarge', `The object ${key} is ${meta.size} bytes; the limit for image work is ${this.maxReadBytes}.`)
    }
    return meta
  }

  async readableFile(bucket: string, key: string): Promise<{ meta: ObjectMeta; file: ObjectFile } | undefined> {
    await this.readableWithin(bucket, key)
    const id = `${bucket}/${key}`
    const opened = this.held?.get(id)
    const file = opened?.takeFile?.()
    if (!opened || !file) return undefined
    this.held!.delete(id)
    return { meta: opened.meta, file }
  }

  async readBytes(bucket: string, key: string): Promise<{ meta: ObjectMeta; bytes: Uint8Array }> {
    const { maxReadBytes } = this
    await this.readableWithin(bucket, key)
    const id = `${bucket}/${key}`
    const opened = this.held?.get(id)
    if (opened) {
      this.held!.delete(id)
      return { meta: opened.meta, bytes: await opened.read() }
    }
    const stored = await this.storage.get(bucket, key, { signal: this.parts.signal })
    if (stored === null || stored.notModified) throw new ImgError('NoSuchKey', undefined, { fields: { Key: key } })
    // the adapter's bytes when it read them at once (within the cap), else the stream
    const bytes = stored.bytes && stored.bytes.length <= maxReadBytes ? stored.bytes : await readStream(stored.body, maxReadBytes)
    return { meta: metaOf(stored), bytes }
  }

  async assertWritable(bucket: string, key: string): Promise<void> {
    const acl = await this.bucketAcl(bucket)
    if (!this.caller.anonymous) return
    const existing = await this.storage.head(bucket, key)
    authorize(this.caller, 'write', effectiveAcl(acl, existing?.acl))
  }

  loader(sourceBucket?: string, onRead?: ReadObserver): LoadObject {
    // one job plans (main thread) and runs (worker) with the same loader: read each object once
    const loaded = new Map<string, Promise<Uint8Array | null>>()
    const load = async (bucket: string, key: string) => {
      try {
        const read = await this.readBytes(bucket, key)
        onRead?.(bucket, key, read.meta)
        return read.bytes
      } catch (error) {
        // the engine reports a missing watermark in its own words (NoSuchKey, "watermark")
        if (error instanceof ImgError && error.code === 'NoSuchKey') {
          onRead?.(bucket, key, null)
          return null
        }
        throw error
      }
    }
    return (key, bucket = sourceBucket) => {
      if (bucket === undefined) return Promise.resolve(null)
      const id = `${bucket}/${key}`
      let bytes = loaded.get(id)
      if (!bytes) loaded.set(id, (bytes = load(bucket, key)))
      return bytes
    }
  }
}

/** The metadata of a stored object, without its body. */
function metaOf(stored: StoredObject): ObjectMeta {
  const { key, size, etag, lastModified, contentType, userMeta, headers, acl } = stored
  return { key, size, etag, lastModified, contentType, userMeta, headers, acl }
}
