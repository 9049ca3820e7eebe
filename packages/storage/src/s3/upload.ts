/**
 * PUT of a body: up to one part in a single PutObject, larger bodies as a multipart upload whose parts are buffered one at a time (memory stays
 * at one part however large the stream). S3 needs a Content-Length per request, so streams cannot
 * be sent chunked (RGW answers 411); buffering a part is the portable way.
 */
import { ImgError } from '@imgproc/types'
import type { Body } from '@imgproc/types'
import { chunksOf, throwIfAborted } from '../bytes.js'
import { s3Error } from './client.js'
import type { S3Client } from './client.js'
import { completeMultipartXml, parseUploadId, stripQuotes } from './xml.js'

export const MIN_PART_SIZE = 5 * 1024 * 1024
export const DEFAULT_PART_SIZE = 8 * 1024 * 1024

export interface UploadResult {
  size: number
  /** the store's ETag for a single PUT (its MD5 of the body); '' after multipart (HEAD has it) */
  etag: string
  multipart: boolean
}

/** Yields the body in pieces of exactly `size` bytes (the last one shorter); bytes are not copied. */
async function* partsOf(body: Body, size: number, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  if (body instanceof Uint8Array) {
    throwIfAborted(signal)
    if (body.length === 0) yield body
    for (let offset = 0; offset < body.length; offset += size) yield body.subarray(offset, offset + size)
    return
  }
  // a stream: gather chunks into a part buffer, allocated only once a part is really needed
  let buffer = new Uint8Array(0)
  let filled = 0
  for await (const chunk of chunksOf(body, signal)) {
    let offset = 0
    while (offset < chunk.length) {
      const take = Math.min(size - filled, chunk.length - offset)
      if (filled + take > buffer.length) {
        const grown = new Uint8Array(Math.min(size, Math.max(filled + take, buffer.length * 2)))
        grown.set(buffer.subarray(0, filled))
        buffer = grown
      }
      buffer.set(chunk.subarray(offset, offset + take), filled)
      filled += take
      offset += take
      if (filled === size) {
        yield buffer
        buffer = new Uint8Array(0)
        filled = 0
      }
    }
  }
  if (filled > 0) yield buffer.subarray(0, filled)
}

export async function upload(
  client: S3Client, bucket: string, key: string, body: Body, headers: Record<string, string>, partSize: number, signal?: AbortSignal,
): Promise<UploadResult> {
  const parts = partsOf(body, partSize, signal)
  const first = await parts.next()
  const second = first.done ? first : await parts.next()
  if (second.done) {
    // fits in one request
    const bytes = first.done ? new Uint8Array(0) : first.value
    const response = await client.send({ method: 'PUT', bucket, key, body: bytes, headers, ...(signal ? { signal } : {}) })
    if (!response.ok) throw await s3Error(response, { bucket, key })
    await response.body?.cancel()
    return { size: bytes.length, etag: stripQuotes(response.headers.get('etag') ?? ''), multipart: false }
  }
  return multipart(client, bucket, key, [first.value!, second.value], parts, headers, signal)
}

async function multipart(
  client: S3Client, bucket: string, key: string, firstParts: Uint8Array[], rest: AsyncGenerator<Uint8Array>,
  headers: Record<string, string>, signal?: AbortSignal,
): Promise<UploadResult> {
  const withSignal = signal ? { signal } : {}
  // conditional headers belong to the completion, not the initiation
  const { 'if-none-match': ifNoneMatch, ...initHeaders } = headers
  const init = await client.send({ method: 'POST', bucket, key, query: { uploads: '' }, headers: initHeaders, ...withSignal })
  if (!init.ok) throw await s3Error(init, { bucket, key })
  const uploadId = parseUploadId(await init.text())
  if (!uploadId) throw new ImgError('InternalError', 'The object store did not start a multipart upload.')
  const done: Array<{ partNumber: number; etag: string }> = []
  let size = 0
  try {
    const send = async (part: Uint8Array) => {
      throwIfAborted(signal)
      size += part.length
      const partNumber = done.length + 1
      const response = await client.send({
        method: 'PUT', bucket, key, query: { partNumber: String(partNumber), uploadId }, body: part, ...withSignal,
      })
      if (!response.ok) throw await s3Error(response, { bucket, key })
      await response.body?.cancel()
      done.push({ partNumber, etag: stripQuotes(response.headers.get('etag') ?? '') })
    }
    for (const part of firstParts) await send(part)
    for await (const part of rest) await send(part)
    const complete = await client.send({
      method: 'POST', bucket, key, query: { uploadId }, body: completeMultipartXml(done),
      headers: { 'content-type': 'application/xml', ...(ifNoneMatch ? { 'if-none-match': ifNoneMatch } : {}) }, ...withSignal,
    })
    // S3 may answer 200 with an <Error> body for a failed completion
    const text = await complete.text()
    if (!complete.ok || text.includes('<Error>')) {
      throw await s3Error(new Response(text, { status: complete.ok ? 500 : complete.status }), { bucket, key })
    }
    return { size, etag: '', multipart: true }
  } catch (error) {
    await client.send({ method: 'DELETE', bucket, key, query: { uploadId } }).then((r) => r.body?.cancel(), () => {})
    throw error
  }
}
