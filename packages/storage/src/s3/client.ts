/**
 * Signed requests to an S3-compatible store over `fetch` (aws4fetch does SigV4: small, no
 * dependencies, runs in Node, Deno, Bun, browsers and Workers), and the mapping of S3 error
 * replies onto ImgError codes.
 */
import { AwsClient } from 'aws4fetch'
import { ImgError } from '@imgproc/types'
import type { ErrorCode } from '@imgproc/types'
import { parseError } from './xml.js'

export interface S3StorageOptions {
  /** e.g. `http://127.0.0.1:7480`, `https://s3.eu-west-1.amazonaws.com`, `https://oss-cn-hangzhou.aliyuncs.com` */
  endpoint: string
  /** SigV4 region, default `us-east-1` */
  region?: string
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
  /**
   * `https://endpoint/bucket/key` (true) or `https://bucket.endpoint/key` (false). Default: true
   * for IP addresses and localhost (no DNS for bucket sub-domains there), false otherwise.
   */
  forcePathStyle?: boolean
  /** multipart part size in bytes (min 5 MiB, default 8 MiB); bodies up to one part go in one PUT */
  partSize?: number
  /** styles per bucket, default 100 (see DEFAULT_MAX_STYLES) */
  maxStyles?: number
  /**
   * the store evaluates `If-Match` / `If-None-Match: *` on PUT (default true; checked once, and
   * style writes are refused with NotImplemented if it ignores them). false: styles are plain
   * overwrites, consistent only while a single replica writes them (style-index.ts)
   */
  conditionalWrites?: boolean
  /** retries of 5xx/429 answers (aws4fetch's exponential backoff), default 2 */
  retries?: number
  /** a fetch to use instead of the global one (tests, proxies) */
  fetch?: typeof fetch
  /**
   * the store's bucket for the server's shared result cache (`results`, s3/results.ts), default
   * `imgproc.results`; it must not be a valid OSS bucket name (it needs a `.`), so no request can
   * ever address it as a bucket. Created on first use, always addressed path style.
   */
  resultsBucket?: string
}

export interface S3Request {
  method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE'
  bucket?: string
  key?: string
  query?: Record<string, string>
  headers?: Record<string, string>
  body?: Uint8Array | string
  signal?: AbortSignal
  /** path style whatever the endpoint (buckets with a `.` in their name break TLS as sub-domains) */
  pathStyle?: boolean
}

/** Every byte but RFC 3986 unreserved characters is percent-encoded, `/` included. */
export function encodeKeyForUrl(key: string): string {
  return encodeURIComponent(key).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

const S3_TO_IMG: Record<string, ErrorCode> = {
  NoSuchBucket: 'NoSuchBucket',
  NoSuchKey: 'NoSuchKey',
  BucketNotEmpty: 'BucketNotEmpty',
  BucketAlreadyExists: 'BucketAlreadyExists',
  InvalidBucketName: 'InvalidBucketName',
  KeyTooLongError: 'InvalidObjectName',
  InvalidObjectName: 'InvalidObjectName',
  PreconditionFailed: 'PreconditionFailed',
  InvalidRange: 'InvalidRange',
  AccessDenied: 'AccessDenied',
  SignatureDoesNotMatch: 'SignatureDoesNotMatch',
  InvalidAccessKeyId: 'InvalidAccessKeyId',
  RequestTimeTooSkewed: 'RequestTimeTooSkewed',
  InvalidDigest: 'InvalidDigest',
  BadDigest: 'InvalidDigest',
  EntityTooLarge: 'EntityTooLarge',
  SlowDown: 'SlowDown',
  NotImplemented: 'NotImplemented',
}

const STATUS_TO_IMG: Record<number, ErrorCode> = { 403: 'AccessDenied', 412: 'PreconditionFailed', 416: 'InvalidRange', 503: 'SlowDown', 501: 'NotImplemented' }

/** An ImgError for a failed S3 reply (the body is read here when it has not been yet). */
export async function s3Error(response: Response, context: { bucket?: string; key?: string }): Promise<ImgError> {
  const body = response.bodyUsed ? '' : await response.text().catch(() => '')
  const parsed = parseError(body)
  const code = (parsed && S3_TO_IMG[parsed.code]) ?? STATUS_TO_IMG[response.status] ?? 'InternalError'
  const detail = parsed ? `${parsed.code}: ${parsed.message}` : `HTTP ${response.status}`
  const fields: Record<string, string> = {}
  if (context.bucket) fields.BucketName = context.bucket
  if (context.key) fields.Key = context.key
  return new ImgError(code, code === 'InternalError' ? `The object store answered ${detail}.` : undefined, {
    fields,
    cause: new Error(`S3 ${response.status} ${detail}`),
  })
}

export interface S3Client {
  send(request: S3Request): Promise<Response>
  options: S3StorageOptions
}

export function createS3Client(options: S3StorageOptions): S3Client {
  const endpoint = new URL(options.endpoint)
  const host = endpoint.hostname
  const pathStyle = options.forcePathStyle ?? (host === 'localhost' || /^[\d.]+$/.test(host) || host.includes(':'))
  const aws = new AwsClient({
    accessKeyId: options.accessKeyId,
    secretAccessKey: options.secretAccessKey,
    ...(options.sessionToken ? { sessionToken: options.sessionToken } : {}),
    service: 's3',
    region: options.region ?? 'us-east-1',
    retries: options.retries ?? 2,
  })
  const doFetch = options.fetch ?? fetch

  function urlOf(bucket: string | undefined, key: string | undefined, query: Record<string, string> | undefined, forcePath = false): string {
    const base = endpoint.pathname.replace(/\/+$/, '')
    const keyPath = key === undefined ? '' : `/${encodeKeyForUrl(key)}`
    let url: string
    if (!bucket) url = `${endpoint.origin}${base}/`
    else if (pathStyle || forcePath) url = `${endpoint.origin}${base}/${bucket}${keyPath || '/'}`
    else url = `${endpoint.protocol}//${bucket}.${endpoint.host}${base}${keyPath || '/'}`
    const search = Object.entries(query ?? {}).map(([k, v]) => `${encodeKeyForUrl(k)}=${encodeKeyForUrl(v)}`).join('&')
    return search ? `${url}?${search}` : url
  }

  return {
    options,
    async send(request) {
      const url = urlOf(request.bucket, request.key, request.query, request.pathStyle)
      const init: RequestInit = { method: request.method, headers: request.headers ?? {} }
      if (request.body !== undefined) init.body = request.body
      if (request.signal) init.signal = request.signal
      try {
        const signed = await aws.sign(url, init)
        // aws4fetch's own retry loop re-signs per attempt; we keep it for 5xx/429 only
        for (let attempt = 0; ; attempt++) {
          const response = await doFetch(attempt === 0 ? signed : await aws.sign(url, init))
          if ((response.status < 500 && response.status !== 429) || attempt >= (options.retries ?? 2)) return response
          await response.body?.cancel()
          await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt * Math.random()))
        }
      } catch (error) {
        if (request.signal?.aborted) throw new ImgError('RequestAborted', 'The request was aborted.', { cause: error })
        throw new ImgError('InternalError', `The object store could not be reached: ${(error as Error)?.message ?? error}`, { cause: error })
      }
    },
  }
}
