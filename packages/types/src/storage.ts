/**
 * The extension point for object storage. Missing things come back as null, never as a throw;
 * every other failure is an ImgError with its code.
 */

export type Acl = 'private' | 'public-read' | 'public-read-write' | 'default'

export interface ObjectMeta {
  key: string
  size: number
  /** hex MD5 of the body, without quotes */
  etag: string
  contentType: string
  lastModified: Date
  /** user metadata (x-oss-meta-* without the prefix), lower-case keys */
  userMeta: Record<string, string>
  acl: Acl
}

export interface StoredObject extends ObjectMeta {
  body: ReadableStream<Uint8Array>
  /** set when a range was asked for: the bytes served, inclusive */
  range?: { start: number; end: number }
}

export interface GetOptions {
  /** inclusive byte range; end omitted = to the end */
  range?: { start: number; end?: number }
  ifNoneMatch?: string
  ifModifiedSince?: Date
  ifMatch?: string
  ifUnmodifiedSince?: Date
  signal?: AbortSignal
}

export interface PutOptions {
  contentType?: string
  userMeta?: Record<string, string>
  acl?: Acl
  signal?: AbortSignal
}

export interface ListOptions {
  prefix?: string
  delimiter?: string
  /** start after this key (exclusive) */
  cursor?: string
  maxKeys?: number
}

export interface ListResult {
  objects: ObjectMeta[]
  commonPrefixes: string[]
  /** present when there is more to list: pass it back as `cursor` */
  nextCursor?: string
}

export interface BucketInfo {
  name: string
  acl: Acl
  createdAt: Date
}

export interface Style {
  name: string
  content: string
  category: string
  createdAt: Date
  lastModified: Date
}

export type Body = Uint8Array | ReadableStream<Uint8Array>

export interface StorageAdapter {
  readonly name: string
  createBucket(bucket: string, options?: { acl?: Acl }): Promise<void>
  headBucket(bucket: string): Promise<BucketInfo | null>
  deleteBucket(bucket: string): Promise<void>
  setBucketAcl(bucket: string, acl: Acl): Promise<void>

  get(bucket: string, key: string, options?: GetOptions): Promise<StoredObject | null>
  head(bucket: string, key: string): Promise<ObjectMeta | null>
  put(bucket: string, key: string, body: Body, options?: PutOptions): Promise<ObjectMeta>
  delete(bucket: string, key: string): Promise<void>
  setObjectAcl(bucket: string, key: string, acl: Acl): Promise<void>
  list(bucket: string, options?: ListOptions): Promise<ListResult>

  putStyle(bucket: string, style: { name: string; content: string; category?: string }): Promise<Style>
  getStyle(bucket: string, name: string): Promise<Style | null>
  listStyles(bucket: string): Promise<Style[]>
  deleteStyle(bucket: string, name: string): Promise<void>
}
