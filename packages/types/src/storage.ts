/**
 * The extension point for object storage (buckets, objects, styles).
 *
 * Contract shared by every adapter (memory, filesystem, S3) and checked by the one conformance
 * suite `testStorageAdapter` in `@imgproc/storage/testing`:
 * - A missing object, bucket (in `headBucket`) or style comes back as `null`, never as a throw.
 * - Every other failure is an `ImgError` with its code: `NoSuchBucket`, `BucketNotEmpty`,
 *   `BucketAlreadyExists`, `InvalidBucketName`, `InvalidObjectName`, `InvalidArgument` (style
 *   names/content), `PreconditionFailed`, `InvalidRange`, `TooManyStyles`, `RequestAborted`,
 *   `BadRequest` (a body stream that failed mid-way; nothing is stored),
 *   `AccessDenied`, `InternalError` (anything unexpected, with `cause`).
 * - Object operations on a bucket that does not exist throw `NoSuchBucket`.
 * - `put` is atomic: a reader sees the old object or the new one, never a mix.
 * - Keys starting with `.imgproc/` (`RESERVED_PREFIX` in @imgproc/storage) are refused (`InvalidObjectName`) by every adapter:
 *   the S3 adapter keeps styles and bucket settings there, and the rule is the same everywhere
 *   so that an application behaves the same on every adapter. Object names follow OSS (1-1023
 *   UTF-8 bytes, no leading `/` or `\`); NUL, lone surrogates, `.` and `..` are refused too.
 * - A `get` body is a stream: read it to the end or cancel it (the filesystem adapter holds a file
 *   open until then).
 */

/** OSS ACLs. `default` (objects only) means "inherit the bucket's ACL". */
export type Acl = 'private' | 'public-read' | 'public-read-write' | 'default'

/** Standard HTTP headers kept with an object and returned as stored (lower-case names). */
export interface ObjectHeaders {
  'cache-control'?: string
  'content-disposition'?: string
  'content-encoding'?: string
  'content-language'?: string
  expires?: string
}

/** What `list` reports per object (S3 listings do not carry content type or metadata). */
export interface ListEntry {
  key: string
  size: number
  /** see ObjectMeta.etag */
  etag: string
  lastModified: Date
}

export interface ObjectMeta extends ListEntry {
  /**
   * Entity tag without quotes. Memory and filesystem: hex MD5 of the body. S3: what the store
   * reports, which is the hex MD5 for single-part uploads and `<hex>-<parts>` for multipart
   * uploads (large bodies), as on S3/OSS themselves.
   */
  etag: string
  /** `application/octet-stream` when none was given */
  contentType: string
  /** user metadata (x-oss-meta-* without the prefix), lower-case keys */
  userMeta: Record<string, string>
  headers: ObjectHeaders
  acl: Acl
}

export interface StoredObject extends ObjectMeta {
  /** discriminates from NotModified */
  notModified?: false
  /** the bytes served: the whole object, or the range asked for */
  body: ReadableStream<Uint8Array>
  /**
   * Optional: the same bytes as `body`, when the adapter read them at once (the filesystem adapter
   * does for small objects). A reader may use them instead of the stream; it then need not cancel
   * `body`, which such adapters make only when it is first asked for.
   */
  bytes?: Uint8Array
  /** set when a range was asked for: the bytes served, inclusive; `size` stays the full size */
  range?: { start: number; end: number }
}

/** An object whose metadata was read and whose body is still to read (`StorageAdapter.open`). */
export interface OpenedObject {
  readonly meta: ObjectMeta
  /**
   * The whole body of the version `meta` describes; once (a second call rejects). Releases what
   * the object held, whether the read succeeds or fails.
   */
  read(): Promise<Uint8Array>
  /** Releases it without reading the body; a no-op after `read()` or a first `close()`. */
  close(): void
  /**
   * Optional (adapters over local files): the body as a byte range of a file this process holds
   * open, for a reader in another thread of the same process (an image worker) that reads it
   * itself, so the bytes cross no thread and no copy is made for them. The file is then the
   * caller's, who must `close()` it once that reader is done with it (never earlier: the
   * descriptor's number could be reused by the next open); `read()` refuses afterwards and the
   * object's own `close()` does nothing. Undefined once read, closed or taken.
   */
  takeFile?(): ObjectFile | undefined
}

/** An object's body as `length` bytes from `start` of an open file descriptor (`OpenedObject.takeFile`). */
export interface ObjectFile {
  readonly fd: number
  readonly start: number
  readonly length: number
  /** closes the descriptor; idempotent */
  close(): void
}

/**
 * `get` with `ifNoneMatch` / `ifModifiedSince` that did not hold: a result (HTTP 304), not an
 * error. (`ifMatch` / `ifUnmodifiedSince` that do not hold throw `PreconditionFailed`, 412.)
 */
export interface NotModified {
  notModified: true
  meta: ObjectMeta
}

/**
 * Byte range, inclusive. `{ start, end? }`: `end` omitted or past the end means "to the end".
 * `{ suffix: n }`: the last n bytes (the whole object when n >= size).
 * A `start` at or past the size, or `suffix: 0`, throws `InvalidRange` (S3 semantics; the OSS
 * server may choose to answer such requests with the whole object instead).
 */
export type ByteRange = { start: number; end?: number } | { suffix: number }

export interface GetOptions {
  range?: ByteRange
  /** ETag (quotes optional) or `*`; matching -> NotModified */
  ifNoneMatch?: string
  /** not modified since (second precision, like HTTP dates) -> NotModified */
  ifModifiedSince?: Date
  /** ETag (quotes optional) or `*`; not matching -> PreconditionFailed */
  ifMatch?: string
  /** modified since (second precision) -> PreconditionFailed */
  ifUnmodifiedSince?: Date
  signal?: AbortSignal
}

export interface PutOptions {
  contentType?: string
  userMeta?: Record<string, string>
  headers?: ObjectHeaders
  /** default `default` (inherit the bucket's ACL) */
  acl?: Acl
  /** `*`: create only; throws PreconditionFailed when the key exists */
  ifNoneMatch?: '*'
  signal?: AbortSignal
}

export interface ListOptions {
  prefix?: string
  /** keys with the delimiter after the prefix are rolled up into `commonPrefixes` */
  delimiter?: string
  /** list keys strictly after this key (OSS `marker`, S3 `start-after`) */
  startAfter?: string
  /** opaque: a `nextCursor` from a previous page of the same listing */
  cursor?: string
  /** 1..1000, default 1000 */
  maxKeys?: number
  signal?: AbortSignal
}

export interface ListResult {
  /** sorted by key (UTF-8 byte order, like S3/OSS) */
  objects: ListEntry[]
  /** sorted */
  commonPrefixes: string[]
  /** present when there is more to list: pass it back as `cursor` */
  nextCursor?: string
}

export interface BucketInfo {
  name: string
  acl: Acl
  createdAt: Date
}

/** An image style (OSS `?style`), see spec section 6. */
export interface Style {
  /** 1-63 characters of [A-Za-z0-9_.-] */
  name: string
  /** stored verbatim (not validated as a process string; OSS does not either) */
  content: string
  /** `image` unless given */
  category: string
  createdAt: Date
  lastModified: Date
}

export interface StyleInput {
  name: string
  content: string
  category?: string
}

export type Body = Uint8Array | ReadableStream<Uint8Array>

export interface StorageAdapter {
  readonly name: string

  /**
   * Creates a bucket; resolves true when created, false when it already existed (its ACL is
   * then left as it was: OSS and S3 us-east-1 both answer 200 for your own bucket).
   */
  createBucket(bucket: string, options?: { acl?: Acl }): Promise<boolean>
  /** null when the bucket does not exist */
  headBucket(bucket: string): Promise<BucketInfo | null>
  /** sorted by name */
  listBuckets(): Promise<BucketInfo[]>
  /** NoSuchBucket when missing, BucketNotEmpty when it holds objects (styles do not count) */
  deleteBucket(bucket: string): Promise<void>
  setBucketAcl(bucket: string, acl: Acl): Promise<void>

  /** null when the object is missing */
  get(bucket: string, key: string, options?: GetOptions): Promise<StoredObject | NotModified | null>
  /** null when the object is missing */
  head(bucket: string, key: string): Promise<ObjectMeta | null>
  /**
   * Optional: the object's metadata now and its whole body later, both of one version (the body
   * read is the one the metadata describes, even if the key is overwritten in between). The
   * server uses it where it decides on the metadata (ACL, size, cache) before it reads the body
   * (image work): one read of the metadata instead of a head and then a get. Null when missing.
   * The caller must `read()` or `close()` it. Adapters without it give head + get.
   */
  open?(bucket: string, key: string): Promise<OpenedObject | null>
  /** atomic; returns the stored object's metadata */
  put(bucket: string, key: string, body: Body, options?: PutOptions): Promise<ObjectMeta>
  /** deleting a missing object succeeds (S3/OSS semantics) */
  delete(bucket: string, key: string): Promise<void>
  /** NoSuchKey when the object is missing */
  setObjectAcl(bucket: string, key: string, acl: Acl): Promise<void>
  list(bucket: string, options?: ListOptions): Promise<ListResult>

  /**
   * Creates or overwrites a style (an overwrite keeps `createdAt`). Invalid name or empty
   * content: InvalidArgument. More than the adapter's `maxStyles` (default 100): TooManyStyles.
   */
  putStyle(bucket: string, style: StyleInput): Promise<Style>
  /** null when missing */
  getStyle(bucket: string, name: string): Promise<Style | null>
  /** in creation order (what OSS was seen to return) */
  listStyles(bucket: string): Promise<Style[]>
  /** deleting a missing style succeeds (OSS semantics) */
  deleteStyle(bucket: string, name: string): Promise<void>

  /**
   * Optional: where the server's processed-image cache keeps results so that replicas sharing the
   * store share them (see ResultStorage). Adapters without it give the server a memory cache only.
   */
  readonly results?: ResultStorage

  /**
   * Optional: stops the adapter's background work (the filesystem adapter's orphan sweep) and
   * resolves once it has stopped. Adapters without background work do not define it; callers
   * use `await storage.close?.()`. Calls made after it still work, without background work.
   */
  close?(): Promise<void>
}

/** One stored result, as `ResultStorage.list` reports it. */
export interface StoredResultInfo {
  /** 64 lower-case hex digits */
  name: string
  size: number
  /** when it was stored (the oldest go first when the server trims a bucket's results) */
  lastModified: Date
}

/**
 * Processed results (the server's result cache, issue 14) kept by the storage itself, so every
 * replica sharing the store finds what one of them computed. The bytes are opaque to the adapter
 * (the server writes its own envelope: the full cache key, content type, dependencies, body).
 *
 * Contract:
 * - Results belong to a bucket but are never among its objects: not listed by `list`, not readable
 *   or writable through any object method (by no key at all), not counted by `deleteBucket`'s
 *   emptiness check, and gone or unreachable once the bucket is deleted.
 * - Names are exactly 64 lower-case hex digits (a SHA-256 the server derives); anything else is
 *   `InvalidArgument`, so no client-sent text ever names a file or key here.
 * - A missing bucket is `NoSuchBucket` for `put` and `list`; `put` overwrites and never creates
 *   the bucket. `get` of a missing result is `null` (in a missing bucket: `null` or NoSuchBucket,
 *   so an adapter may spare the round trip; the server asks only right after reading the
 *   source's metadata). Deleting a missing result succeeds.
 */
export interface ResultStorage {
  get(bucket: string, name: string): Promise<Uint8Array | null>
  put(bucket: string, name: string, bytes: Uint8Array): Promise<void>
  delete(bucket: string, name: string): Promise<void>
  /** every stored result of the bucket, in no particular order */
  list(bucket: string): Promise<StoredResultInfo[]>
}
