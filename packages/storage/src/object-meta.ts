/** Building and copying ObjectMeta, and the errors about missing things, shared by the adapters. */
import { ImgError } from '@imgproc/types'
import type { ObjectHeaders, ObjectMeta, PutOptions } from '@imgproc/types'

export const DEFAULT_CONTENT_TYPE = 'application/octet-stream'

const HEADER_NAMES = ['cache-control', 'content-disposition', 'content-encoding', 'content-language', 'expires'] as const

/** User metadata keys are case-insensitive in HTTP: store them lower-case. */
export function normaliseUserMeta(userMeta: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(userMeta ?? {})) {
    if (typeof value !== 'string') throw new ImgError('InvalidArgument', `User metadata ${name} must be a string.`, { argument: name })
    out[name.toLowerCase()] = value
  }
  return out
}

export function pickHeaders(headers: ObjectHeaders | undefined): ObjectHeaders {
  const out: ObjectHeaders = {}
  for (const name of HEADER_NAMES) {
    const value = headers?.[name]
    if (value !== undefined) out[name] = value
  }
  return out
}

export function metaFromPut(key: string, size: number, etag: string, lastModified: Date, options: PutOptions): ObjectMeta {
  return {
    key,
    size,
    etag,
    lastModified,
    contentType: options.contentType || DEFAULT_CONTENT_TYPE,
    userMeta: normaliseUserMeta(options.userMeta),
    headers: pickHeaders(options.headers),
    acl: options.acl ?? 'default',
  }
}

export function cloneMeta(meta: ObjectMeta): ObjectMeta {
  return { ...meta, lastModified: new Date(meta.lastModified), userMeta: { ...meta.userMeta }, headers: { ...meta.headers } }
}

export function noSuchBucket(bucket: string): ImgError {
  return new ImgError('NoSuchBucket', undefined, { fields: { BucketName: bucket } })
}

export function noSuchKey(bucket: string, key: string): ImgError {
  return new ImgError('NoSuchKey', undefined, { fields: { BucketName: bucket, Key: key } })
}
