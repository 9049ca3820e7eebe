/**
 * Reading a request body with a size cap, and the Content-MD5 check of PutObject.
 * The declared Content-Length is checked before a byte is read; chunked bodies (esdk-obs-nodejs
 * streams every SourceFile upload) are counted as they arrive and cut off at the cap.
 */
import { md5 } from '@noble/hashes/legacy.js'
import { concatBytes, ImgError } from '@imgproc/types'
import type { RequestHeaders, ServerRequest } from './server-request.js'

export async function readBody(req: ServerRequest, maxBytes: number, signal?: AbortSignal): Promise<Uint8Array> {
  const declared = req.headers.get('content-length')
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge(maxBytes)
  // the adapter's own reader (Node: no Web stream) when there is one and no signal to honour
  if (req.readBody && !signal) return req.readBody(maxBytes)
  return readStream(req.body, maxBytes, signal)
}

/** All of `stream` as one array; EntityTooLarge past `maxBytes`; stops (cancelling the stream) when `signal` aborts. */
export async function readStream(stream: ReadableStream<Uint8Array> | null, maxBytes: number, signal?: AbortSignal): Promise<Uint8Array> {
  if (stream === null) return new Uint8Array(0)
  const chunks: Uint8Array[] = []
  let total = 0
  const reader = stream.getReader()
  const stop = () => void reader.cancel(signal?.reason).catch(() => {})
  signal?.addEventListener('abort', stop, { once: true })
  try {
    for (;;) {
      signal?.throwIfAborted()
      const { done, value } = await reader.read()
      signal?.throwIfAborted()
      if (done) break
      total += value.byteLength
      if (total > maxBytes) {
        await reader.cancel()
        throw tooLarge(maxBytes)
      }
      chunks.push(value)
    }
  } finally {
    signal?.removeEventListener('abort', stop)
    reader.releaseLock()
  }
  return chunks.length === 1 ? chunks[0]! : concatBytes(chunks)
}

export function tooLarge(maxBytes: number): ImgError {
  return new ImgError('EntityTooLarge', `Your proposed upload exceeds the maximum allowed size of ${maxBytes} bytes.`)
}

export function md5Hex(bytes: Uint8Array): string {
  let hex = ''
  for (const byte of md5(bytes)) hex += byte.toString(16).padStart(2, '0')
  return hex
}

function md5Base64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...md5(bytes)))
}

/** Throws InvalidDigest (400) when a Content-MD5 header is present and does not match the body. */
export function checkContentMd5(req: { readonly headers: Pick<RequestHeaders, 'get'> }, body: Uint8Array): void {
  const claimed = req.headers.get('content-md5')
  if (claimed === null) return
  if (claimed.trim() !== md5Base64(body)) {
    throw new ImgError('InvalidDigest', 'The Content-MD5 you specified did not match what we received.', {
      fields: { 'Content-MD5': claimed.slice(0, 64) },
    })
  }
}

export async function readText(req: ServerRequest, maxBytes: number): Promise<string> {
  return new TextDecoder().decode(await readBody(req, maxBytes))
}
