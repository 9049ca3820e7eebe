/**
 * What every route receives: the parsed request, who sent it, where it points, and the
 * handler's configured parts.
 */
import type { StorageAdapter } from '@imgproc/types'
import type { Address } from './address.js'
import type { Caller } from './auth/index.js'
import type { ApiDialect } from './dialect.js'
import type { ServerLimits } from './limits.js'
import type { ObjectAccess } from './object-access.js'
import type { ImageProcessor } from './processor.js'
import type { ResultCache } from './result-cache/result-cache.js'
import type { Reply, ServerRequest } from './server-request.js'
import type { WorkQueue } from './work-queue.js'

export interface RequestContext {
  readonly req: ServerRequest
  readonly url: URL
  readonly query: URLSearchParams
  readonly method: string
  readonly requestId: string
  readonly dialect: ApiDialect
  readonly address: Address
  readonly caller: Caller
  /** every object read or written on the caller's behalf goes through this (object-access.ts) */
  readonly access: ObjectAccess
  /** aborts when the client goes away or the deadline passes */
  readonly signal: AbortSignal
  readonly storage: StorageAdapter
  readonly processor: ImageProcessor | undefined
  readonly queue: WorkQueue
  /** processed results (result-cache/); absent when caching is off */
  readonly resultCache?: ResultCache | undefined
  readonly limits: ServerLimits
  /** request body bytes read, for the bytes-in metric */
  bytesIn: number
}

/** A context with a bucket (bucket-level and object-level routes). */
export interface BucketContext extends RequestContext {
  readonly bucket: string
}

/** A context with a bucket and a key (object-level routes). */
export interface ObjectContext extends BucketContext {
  readonly key: string
}

/** A route answers with a plain Reply (server-request.ts) or a Response. */
export type Route<C extends RequestContext = RequestContext> = (ctx: C) => Promise<Reply | Response>
