/**
 * The S3-compatible adapter: any store speaking the S3 API (Ceph RGW, MinIO, AWS S3, OSS's S3
 * endpoint) over `fetch` + SigV4, so it runs in Node, Deno, Bun and Workers. Many stateless
 * imgproc replicas can share one store: styles and bucket settings live in the bucket too
 * (reserved.ts, style-index.ts; styles change only by compare-and-swap, so the style limit holds
 * across replicas). Conditions and ranges are evaluated by the store itself.
 */
import { ImgError } from '@imgproc/types'
import type {
  Acl, BucketInfo, GetOptions, ListOptions, ListResult, NotModified, ObjectMeta, StorageAdapter, StoredObject, Style,
} from '@imgproc/types'
import { streamOf, throwIfAborted } from '../bytes.js'
import { bareEtag } from '../conditions.js'
import { maxKeysOf } from '../listing.js'
import { assertBucketName, assertObjectKey, assertStyleName, RESERVED_PREFIX } from '../names.js'
import { metaFromPut, noSuchBucket, noSuchKey } from '../object-meta.js'
import { cloneStyle, DEFAULT_MAX_STYLES, nextStyle, validateStyleInput } from '../style-store.js'
import { createS3Client, encodeKeyForUrl, s3Error } from './client.js'
import type { S3StorageOptions } from './client.js'
import { metaFromHeaders, putHeaders } from './meta.js'
import { deleteReserved, keysUnder, readSettings, writeSettings } from './reserved.js'
import { createStyleIndex } from './style-index.js'
import { DEFAULT_PART_SIZE, MIN_PART_SIZE, upload } from './upload.js'
import { createS3Results, deleteResultsOf, resultsBucketName } from './results.js'
import { parseListBuckets, parseListV2 } from './xml.js'
import { rangeHeader } from './range.js'
import { withTypedErrors } from '../typed-errors.js'

export type { S3StorageOptions } from './client.js'

const quote = (etag: string) => (etag.trim() === '*' ? '*' : `"${bareEtag(etag)}"`)

export function createS3Storage(options: S3StorageOptions): StorageAdapter {
  const client = createS3Client(options)
  const partSize = Math.max(MIN_PART_SIZE, options.partSize ?? DEFAULT_PART_SIZE)
  const maxStyles = options.maxStyles ?? DEFAULT_MAX_STYLES
  const isReserved = (key: string) => key.startsWith(RESERVED_PREFIX)
  const resultsBucket = resultsBucketName(options.resultsBucket)
  const styles = createStyleIndex(client, options.conditionalWrites === undefined ? {} : { conditionalWrites: options.conditionalWrites })

  /** HEAD bucket: true / false, other failures thrown. */
  async function bucketExists(bucket: string): Promise<boolean> {
    const response = await client.send({ method: 'HEAD', bucket })
    if (response.status === 404) return false
    if (!response.ok) throw await s3Error(response, { bucket })
    return true
  }

  async function requireBucket(bucket: string): Promise<void> {
    assertBucketName(bucket)
    if (!(await bucketExists(bucket))) throw noSuchBucket(bucket)
  }

  async function head(bucket: string, key: string): Promise<ObjectMeta | null> {
    assertBucketName(bucket)
    assertObjectKey(key)
    const response = await client.send({ method: 'HEAD', bucket, key })
    if (response.ok) return metaFromHeaders(key, response.headers)
    // a HEAD reply has no body to tell a missing key from a missing bucket
    if (response.status === 404) return (await bucketExists(bucket)) ? null : Promise.reject(noSuchBucket(bucket))
    throw await s3Error(response, { bucket, key })
  }

  async function info(bucket: string, createdAt?: Date): Promise<BucketInfo> {
    const settings = await readSettings(client, bucket)
    return { name: bucket, acl: settings?.acl ?? 'private', createdAt: settings ? new Date(settings.createdAt) : (createdAt ?? new Date(0)) }
  }

  async function listRaw(bucket: string): Promise<Array<{ name: string; createdAt: Date }>> {
    const response = await client.send({ method: 'GET' })
    if (!response.ok) throw await s3Error(response, {})
    // the results bucket (results.ts) is the adapter's own, never a client's
    return parseListBuckets(await response.text()).filter((b) => (!bucket || b.name === bucket) && b.name !== resultsBucket)
  }

  const results = createS3Results({ client, resultsBucket, requireBucket })
  const adapter: StorageAdapter = {
    name: 's3',
    results,

    async createBucket(bucket, opts: { acl?: Acl } = {}) {
      assertBucketName(bucket)
      if (await bucketExists(bucket)) return false
      const region = options.region ?? 'us-east-1'
      // outside us-east-1 S3 wants the region in the body (RGW refuses it in us-east-1)
      const body = region === 'us-east-1' ? undefined
        : `<CreateBucketConfiguration><LocationConstraint>${region}</LocationConstraint></CreateBucketConfiguration>`
      const response = await client.send({ method: 'PUT', bucket, ...(body ? { body } : {}) })
      if (!response.ok) {
        const error = await s3Error(response, { bucket })
        if (error.cause instanceof Error && error.cause.message.includes('BucketAlreadyOwnedByYou')) return false
        throw error
      }
      await response.body?.cancel()
      await writeSettings(client, bucket, { acl: opts.acl ?? 'private', createdAt: Date.now() })
      return true
    },

    async headBucket(bucket) {
      assertBucketName(bucket)
      if (!(await bucketExists(bucket))) return null
      const settings = await readSettings(client, bucket)
      if (settings) return { name: bucket, acl: settings.acl, createdAt: new Date(settings.createdAt) }
      // a bucket made outside imgproc: the store's creation date, private
      const [listed] = await listRaw(bucket)
      return { name: bucket, acl: 'private', createdAt: listed?.createdAt ?? new Date(0) }
    },

    async listBuckets() {
      const listed = await listRaw('')
      const infos = await Promise.all(listed.map((b) => info(b.name, b.createdAt)))
      return infos.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    },

    async deleteBucket(bucket) {
      await requireBucket(bucket)
      let cursor: string | undefined
      do {
        const page = await adapter.list(bucket, cursor ? { cursor } : {})
        if (page.objects.length > 0 || page.commonPrefixes.length > 0) {
          throw new ImgError('BucketNotEmpty', undefined, { fields: { BucketName: bucket } })
        }
        cursor = page.nextCursor
      } while (cursor)
      for (const key of await keysUnder(client, bucket, RESERVED_PREFIX)) await deleteReserved(client, bucket, key)
      await deleteResultsOf(results, bucket)
      const response = await client.send({ method: 'DELETE', bucket })
      if (!response.ok) throw await s3Error(response, { bucket })
      await response.body?.cancel()
    },

    async setBucketAcl(bucket, acl) {
      await requireBucket(bucket)
      const current = await info(bucket)
      await writeSettings(client, bucket, { acl, createdAt: current.createdAt.getTime() || Date.now() })
    },

    async get(bucket, key, opts: GetOptions = {}): Promise<StoredObject | NotModified | null> {
      throwIfAborted(opts.signal)
      assertBucketName(bucket)
      assertObjectKey(key)
      const headers: Record<string, string> = {}
      if (opts.range) headers.range = rangeHeader(opts.range)
      if (opts.ifMatch !== undefined) headers['if-match'] = opts.ifMatch.split(',').map(quote).join(', ')
      // `If-None-Match: *` (any version exists -> 304) is ignored by RGW on GET: evaluated here
      const noneMatchAny = opts.ifNoneMatch !== undefined && opts.ifNoneMatch.split(',').some((e) => e.trim() === '*')
      if (opts.ifNoneMatch !== undefined && !noneMatchAny) headers['if-none-match'] = opts.ifNoneMatch.split(',').map(quote).join(', ')
      if (opts.ifModifiedSince) headers['if-modified-since'] = opts.ifModifiedSince.toUTCString()
      if (opts.ifUnmodifiedSince) headers['if-unmodified-since'] = opts.ifUnmodifiedSince.toUTCString()
      const response = await client.send({ method: 'GET', bucket, key, headers, ...(opts.signal ? { signal: opts.signal } : {}) })
      if (response.status === 304) {
        await response.body?.cancel()
        const meta = await head(bucket, key)
        return meta ? { notModified: true, meta } : null
      }
      if (response.status === 404) {
        const error = await s3Error(response, { bucket, key })
        if (error.code === 'NoSuchKey') return null
        throw error
      }
      if (!response.ok) throw await s3Error(response, { bucket, key })
      const meta = metaFromHeaders(key, response.headers)
      if (noneMatchAny) {
        await response.body?.cancel()
        return { notModified: true, meta: opts.range ? ((await head(bucket, key)) ?? meta) : meta }
      }
      const body = response.body ?? streamOf(new Uint8Array(0))
      const contentRange = response.status === 206 ? /bytes (\d+)-(\d+)\//.exec(response.headers.get('content-range') ?? '') : null
      return { ...meta, body, ...(contentRange ? { range: { start: Number(contentRange[1]), end: Number(contentRange[2]) } } : {}) }
    },

    head,

    async put(bucket, key, body, opts = {}) {
      throwIfAborted(opts.signal)
      assertBucketName(bucket)
      assertObjectKey(key)
      const headers = putHeaders(opts)
      if (opts.ifNoneMatch === '*') headers['if-none-match'] = '*'
      const result = await upload(client, bucket, key, body, headers, partSize, opts.signal)
      // the store's Last-Modified (and, after multipart, its ETag: RGW leaves it out of the
      // completion reply) come from a HEAD; a concurrent writer may have replaced the object by
      // then, in which case our own values are returned
      const stored = await head(bucket, key).catch(() => null)
      if (stored && (result.multipart ? stored.size === result.size : stored.etag === result.etag)) return stored
      return metaFromPut(key, result.size, result.etag, new Date(), opts)
    },

    async delete(bucket, key) {
      assertBucketName(bucket)
      assertObjectKey(key)
      const response = await client.send({ method: 'DELETE', bucket, key })
      if (!response.ok && response.status !== 404) throw await s3Error(response, { bucket, key })
      if (response.status === 404) {
        const error = await s3Error(response, { bucket, key })
        if (error.code !== 'NoSuchKey') throw error
      }
      await response.body?.cancel()
    },

    async setObjectAcl(bucket, key, acl) {
      const meta = await head(bucket, key)
      if (!meta) throw noSuchKey(bucket, key)
      // S3 changes metadata by copying the object onto itself with REPLACE
      const response = await client.send({
        method: 'PUT', bucket, key,
        headers: {
          ...putHeaders({ ...meta, acl }),
          'x-amz-copy-source': `/${bucket}/${encodeKeyForUrl(key)}`,
          'x-amz-metadata-directive': 'REPLACE',
          'x-amz-copy-source-if-match': `"${meta.etag}"`,
        },
      })
      const text = await response.text()
      if (!response.ok || text.includes('<Error>')) {
        throw await s3Error(new Response(text, { status: response.ok ? 500 : response.status }), { bucket, key })
      }
    },

    async list(bucket, opts: ListOptions = {}): Promise<ListResult> {
      throwIfAborted(opts.signal)
      assertBucketName(bucket)
      const query: Record<string, string> = { 'list-type': '2', 'encoding-type': 'url', 'max-keys': String(maxKeysOf(opts)) }
      if (opts.prefix) query.prefix = opts.prefix
      if (opts.delimiter) query.delimiter = opts.delimiter
      if (opts.startAfter !== undefined) query['start-after'] = opts.startAfter
      if (opts.cursor) query['continuation-token'] = opts.cursor
      const response = await client.send({ method: 'GET', bucket, query, ...(opts.signal ? { signal: opts.signal } : {}) })
      if (!response.ok) throw await s3Error(response, { bucket })
      const page = parseListV2(await response.text())
      const commonPrefixes: string[] = []
      for (const prefix of page.commonPrefixes) {
        // a prefix that only rolls up reserved keys (e.g. `.imgproc/`) is not shown
        if (RESERVED_PREFIX.startsWith(prefix) || isReserved(prefix)) {
          const keys = await keysUnder(client, bucket, prefix)
          if (keys.every(isReserved)) continue
        }
        commonPrefixes.push(prefix)
      }
      return {
        objects: page.contents.filter((c) => !isReserved(c.key)),
        commonPrefixes,
        ...(page.nextContinuationToken ? { nextCursor: page.nextContinuationToken } : {}),
      }
    },

    async putStyle(bucket, input) {
      assertBucketName(bucket)
      validateStyleInput(input)
      // counted against the version it replaces: TooManyStyles is decided atomically (style-index.ts)
      return styles.update(bucket, (current) => {
        const existing = current.find((s) => s.name === input.name)
        const style = nextStyle(input, existing, current.length, maxStyles)
        const next = existing ? current.map((s) => (s === existing ? style : s)) : [...current, style]
        return { styles: next, result: cloneStyle(style) }
      })
    },

    async getStyle(bucket, name) {
      assertBucketName(bucket)
      assertStyleName(name)
      return (await styles.read(bucket)).styles.find((s) => s.name === name) ?? null
    },

    async listStyles(bucket): Promise<Style[]> {
      assertBucketName(bucket)
      // the index is in creation order as the store serialised the writes (no replica's clock decides)
      return (await styles.read(bucket)).styles
    },

    async deleteStyle(bucket, name) {
      assertBucketName(bucket)
      assertStyleName(name)
      await styles.update(bucket, (current) => {
        const next = current.filter((s) => s.name !== name)
        return next.length === current.length ? { result: undefined } : { styles: next, result: undefined }
      })
    },
  }
  return withTypedErrors(adapter)
}
