/**
 * The S3 adapter's ResultStorage (the server's shared result cache): every result is an object of
 * one bucket of the store kept for them, `<resultsBucket>/<bucket>/<64 hex>`.
 *
 * Why not under the bucket's own RESERVED_PREFIX, like styles: thousands of results there would
 * sit in every listing of the bucket (`.imgproc/` sorts early), so a listing without a prefix
 * would page through empty pages first. The results bucket's name has a `.`, which no OSS bucket
 * name has: every object method refuses it (InvalidBucketName), `listBuckets` leaves it out, so no
 * client can address, list or delete it. Results of a deleted bucket are deleted with it.
 * The store's lifecycle rules can expire old results too (the server also trims them).
 */
import { ImgError, type ResultStorage, type StoredResultInfo } from '@imgproc/types'
import { assertResultName, isBucketName } from '../names.js'
import { typedMethods } from '../typed-errors.js'
import { s3Error, type S3Client } from './client.js'
import { parseListV2 } from './xml.js'

export const DEFAULT_RESULTS_BUCKET = 'imgproc.results'

const S3_BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/

/** The configured results bucket, refused when a client could address it (a valid OSS name). */
export function resultsBucketName(name = DEFAULT_RESULTS_BUCKET): string {
  if (!S3_BUCKET_NAME.test(name) || isBucketName(name) || name.includes('..')) {
    throw new RangeError(`resultsBucket must be an S3 bucket name with a "." (so no OSS bucket name can be it), got ${JSON.stringify(name)}`)
  }
  return name
}

export interface S3ResultsParts {
  client: S3Client
  resultsBucket: string
  /** NoSuchBucket (or InvalidBucketName) unless the (client-visible) bucket exists */
  requireBucket: (bucket: string) => Promise<void>
}

export function createS3Results({ client, resultsBucket, requireBucket }: S3ResultsParts): ResultStorage {
  const send = (request: Omit<Parameters<S3Client['send']>[0], 'bucket' | 'pathStyle'>) =>
    client.send({ ...request, bucket: resultsBucket, pathStyle: true })

  /** A 404 for the results bucket itself (never used yet) rather than for one result. */
  const bucketMissing = async (response: Response) => (await s3Error(response, {})).code === 'NoSuchBucket'

  async function createResultsBucket(): Promise<void> {
    const response = await client.send({ method: 'PUT', bucket: resultsBucket, pathStyle: true })
    if (response.ok) return void (await response.body?.cancel())
    const error = await s3Error(response, {})
    // another replica made it first
    if (error.cause instanceof Error && /BucketAlreadyOwnedByYou|BucketAlreadyExists/.test(error.cause.message)) return
    throw error
  }

  async function put(bucket: string, name: string, bytes: Uint8Array, retried = false): Promise<void> {
    const response = await send({ method: 'PUT', key: `${bucket}/${name}`, body: bytes, headers: { 'content-type': 'application/octet-stream' } })
    if (response.ok) return void (await response.body?.cancel())
    if (response.status === 404 && !retried && (await bucketMissing(response))) {
      await createResultsBucket()
      return put(bucket, name, bytes, true)
    }
    throw await s3Error(response, {})
  }

  async function list(bucket: string): Promise<StoredResultInfo[]> {
    const prefix = `${bucket}/`
    const found: StoredResultInfo[] = []
    let token: string | undefined
    do {
      const query: Record<string, string> = { 'list-type': '2', prefix, 'encoding-type': 'url' }
      if (token) query['continuation-token'] = token
      const response = await send({ method: 'GET', query })
      if (response.status === 404 && (await bucketMissing(response))) return []
      if (!response.ok) throw await s3Error(response, {})
      const page = parseListV2(await response.text())
      for (const item of page.contents) {
        const name = item.key.slice(prefix.length)
        if (/^[0-9a-f]{64}$/.test(name)) found.push({ name, size: item.size, lastModified: item.lastModified })
      }
      token = page.nextContinuationToken
    } while (token)
    return found
  }

  async function remove(bucket: string, name: string): Promise<void> {
    const response = await send({ method: 'DELETE', key: `${bucket}/${name}` })
    if (!response.ok && response.status !== 404) throw await s3Error(response, {})
    await response.body?.cancel()
  }

  return typedMethods<ResultStorage>({
    async get(bucket, name) {
      // the bucket is not asked about here (one round trip less per lookup): the server looks a
      // result up only for an object it has just read the metadata of; a result stays keyed to
      // its bucket's name, and the bucket's deletion deletes it
      if (!isBucketName(bucket)) throw new ImgError('InvalidBucketName', undefined, { fields: { BucketName: bucket } })
      assertResultName(name)
      const response = await send({ method: 'GET', key: `${bucket}/${name}` })
      if (response.status === 404) {
        await response.body?.cancel()
        return null
      }
      if (!response.ok) throw await s3Error(response, {})
      return new Uint8Array(await response.arrayBuffer())
    },
    async put(bucket, name, bytes) {
      await requireBucket(bucket)
      assertResultName(name)
      await put(bucket, name, bytes)
    },
    async delete(bucket, name) {
      if (!isBucketName(bucket)) throw new ImgError('InvalidBucketName', undefined, { fields: { BucketName: bucket } })
      assertResultName(name)
      await remove(bucket, name)
    },
    async list(bucket) {
      await requireBucket(bucket)
      return list(bucket)
    },
  })
}

/** Deletes every result of `bucket` (DeleteBucket); nothing to do when the results bucket was never made. */
export async function deleteResultsOf(results: ResultStorage, bucket: string): Promise<void> {
  for (const { name } of await results.list(bucket)) await results.delete(bucket, name)
}
