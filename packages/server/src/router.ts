/**
 * Which operation a request is: OSS and OBS route on the method, whether there is a bucket and
 * a key, and a few sub-resource query parameters (`acl`, `style`, `x-oss-process`, ...), not on
 * path patterns, so this is one decision table rather than a path router. The operation name is
 * also the `operation` label of the request metrics (a fixed set, never a user value).
 */
import { ImgError } from '@imgproc/types'
import type { BucketContext, ObjectContext, RequestContext, Route } from './context.js'
import { getBucketAcl, getObjectAcl, putBucketAcl, putObjectAcl } from './routes/acl.js'
import { apiVersion, deleteBucket, headBucket, listBuckets, putBucket } from './routes/bucket.js'
import { listObjects } from './routes/list-objects.js'
import { deleteObject, getObject, putObject } from './routes/object.js'
import { processImage, processSave } from './routes/process-image.js'
import { deleteStyle, getStyle, listStyles, putStyle } from './routes/styles.js'

export interface Resolved {
  operation: string
  route: Route<RequestContext>
  /** routes that need no signature check at all (OBS negotiation) */
  unsigned?: boolean
}

const as = <C extends RequestContext>(route: Route<C>) => route as Route<RequestContext>

function notAllowed(method: string, what: string): never {
  throw new ImgError('MethodNotAllowed', `The method ${method} is not allowed against this ${what}.`)
}

export function resolveRoute(method: string, bucket: string | undefined, key: string | undefined, query: URLSearchParams): Resolved {
  if (method === 'HEAD' && query.has('apiversion')) return { operation: 'ApiVersion', route: apiVersion, unsigned: true }
  if (bucket === undefined) {
    if (method === 'GET') return { operation: 'ListBuckets', route: listBuckets }
    return notAllowed(method, 'service')
  }
  if (key === undefined) return bucketRoute(method, query)
  return objectRoute(method, query)
}

function bucketRoute(method: string, query: URLSearchParams): Resolved {
  const route = (operation: string, handler: Route<BucketContext>): Resolved => ({ operation, route: as(handler) })
  switch (method) {
    case 'PUT':
      if (query.has('acl')) return route('PutBucketAcl', putBucketAcl)
      if (query.has('style')) return route('PutStyle', putStyle)
      return route('PutBucket', putBucket)
    case 'GET':
      if (query.has('acl')) return route('GetBucketAcl', getBucketAcl)
      if (query.has('style')) return query.has('styleName') ? route('GetStyle', getStyle) : route('ListStyle', listStyles)
      return route(query.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects', listObjects)
    case 'HEAD':
      return route('HeadBucket', headBucket)
    case 'DELETE':
      if (query.has('style')) return route('DeleteStyle', deleteStyle)
      return route('DeleteBucket', deleteBucket)
    default:
      return notAllowed(method, 'bucket')
  }
}

function objectRoute(method: string, query: URLSearchParams): Resolved {
  const route = (operation: string, handler: Route<ObjectContext>): Resolved => ({ operation, route: as(handler) })
  const processing = query.has('x-oss-process') || query.has('x-image-process')
  switch (method) {
    case 'PUT':
      if (query.has('acl')) return route('PutObjectAcl', putObjectAcl)
      return route('PutObject', putObject)
    case 'GET':
      if (query.has('acl')) return route('GetObjectAcl', getObjectAcl)
      if (processing) return route('ProcessImage', processImage)
      return route('GetObject', getObject)
    case 'HEAD':
      return route('HeadObject', getObject)
    case 'DELETE':
      return route('DeleteObject', deleteObject)
    case 'POST':
      if (query.has('x-oss-process')) return route('ProcessObjectSave', processSave)
      throw new ImgError('NotImplemented', 'Only POST ?x-oss-process is implemented on objects.')
    default:
      return notAllowed(method, 'object')
  }
}
