/**
 * Body helpers shared by the adapters: collect a body, hash it (ETag = hex MD5; WebCrypto has
 * no MD5, so @noble/hashes' audited one is used), wrap bytes in a stream, honour an AbortSignal.
 */
import { md5 } from '@noble/hashes/legacy.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { concatBytes, ImgError } from '@imgproc/types'
import type { Body } from '@imgproc/types'

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ImgError('RequestAborted', 'The request was aborted.', { cause: signal.reason })
}

export function md5Hex(bytes: Uint8Array): string {
  return bytesToHex(md5(bytes))
}

/** An incremental MD5 for streamed bodies. */
export function createMd5(): { update(chunk: Uint8Array): void; hex(): string } {
  const hash = md5.create()
  return {
    update: (chunk) => void hash.update(chunk),
    hex: () => bytesToHex(hash.digest()),
  }
}

/** Iterates a body chunk by chunk, checking the signal between chunks. */
export async function* chunksOf(body: Body, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  throwIfAborted(signal)
  if (body instanceof Uint8Array) {
    yield body
    return
  }
  if (!(body instanceof ReadableStream)) {
    throw new ImgError('InvalidArgument', 'The body must be a Uint8Array or a ReadableStream of Uint8Array.')
  }
  const reader = body.getReader()
  try {
    for (;;) {
      throwIfAborted(signal)
      let next: ReadableStreamReadResult<Uint8Array>
      try {
        next = await reader.read()
      } catch (error) {
        throwIfAborted(signal)
        // the body's source failed (typically the client went away mid-upload)
        throw new ImgError('BadRequest', 'The request body could not be read to the end.', { cause: error })
      }
      const { done, value } = next
      if (done) return
      if (!(value instanceof Uint8Array)) throw new ImgError('InvalidArgument', 'The body stream must yield Uint8Array chunks.')
      yield value
    }
  } finally {
    // release on every exit; cancel when we stopped early (error or abort)
    reader.cancel().catch(() => {})
  }
}

/** Collects a body into one Uint8Array (copied, so later changes by the caller do not leak in). */
export async function readAll(body: Body, signal?: AbortSignal): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  for await (const chunk of chunksOf(body, signal)) {
    chunks.push(chunk)
  }
  return concatBytes(chunks)
}

/** A stream that yields the bytes in one chunk (a copy: consumers may transfer or mutate it). */
export function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      if (bytes.length > 0) controller.enqueue(bytes.slice())
      controller.close()
    },
  })
}
