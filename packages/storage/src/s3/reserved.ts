/**
 * What the S3 adapter keeps under RESERVED_PREFIX inside each bucket, so that every replica
 * sharing the store sees the same: `.imgproc/bucket.json` (ACL, creation time; a bucket ACL
 * change is one whole overwrite, so last writer wins) and `.imgproc/styles.json` (style-index.ts,
 * changed by compare-and-swap).
 */
import type { Acl } from '@imgproc/types'
import { RESERVED_PREFIX } from '../names.js'
import { s3Error } from './client.js'
import type { S3Client } from './client.js'
import { parseListV2 } from './xml.js'

export const BUCKET_SETTINGS_KEY = `${RESERVED_PREFIX}bucket.json`

export interface BucketSettings {
  acl: Acl
  createdAt: number
}

async function getJson<T>(client: S3Client, bucket: string, key: string): Promise<T | null> {
  const response = await client.send({ method: 'GET', bucket, key })
  if (response.status === 404) {
    const error = await s3Error(response, { bucket, key })
    if (error.code === 'NoSuchKey') return null
    throw error
  }
  if (!response.ok) throw await s3Error(response, { bucket, key })
  return JSON.parse(await response.text()) as T
}

async function putJson(client: S3Client, bucket: string, key: string, value: unknown): Promise<void> {
  const response = await client.send({ method: 'PUT', bucket, key, body: JSON.stringify(value), headers: { 'content-type': 'application/json' } })
  if (!response.ok) throw await s3Error(response, { bucket, key })
  await response.body?.cancel()
}

export async function deleteReserved(client: S3Client, bucket: string, key: string): Promise<void> {
  const response = await client.send({ method: 'DELETE', bucket, key })
  if (!response.ok && response.status !== 404) throw await s3Error(response, { bucket, key })
  await response.body?.cancel()
}

export const readSettings = (client: S3Client, bucket: string) => getJson<BucketSettings>(client, bucket, BUCKET_SETTINGS_KEY)
export const writeSettings = (client: S3Client, bucket: string, settings: BucketSettings) => putJson(client, bucket, BUCKET_SETTINGS_KEY, settings)

/** Every key under a prefix (all pages). */
export async function keysUnder(client: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = []
  let token: string | undefined
  do {
    const query: Record<string, string> = { 'list-type': '2', prefix, 'encoding-type': 'url' }
    if (token) query['continuation-token'] = token
    const response = await client.send({ method: 'GET', bucket, query })
    if (!response.ok) throw await s3Error(response, { bucket })
    const page = parseListV2(await response.text())
    keys.push(...page.contents.map((c) => c.key))
    token = page.nextContinuationToken
  } while (token)
  return keys
}
