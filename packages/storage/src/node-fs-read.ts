/**
 * Reading object files (node-fs-files.ts describes their layout) in as few file-system calls as a
 * request needs: a GET of a small object is open + fstat + one read of the whole file + close, the
 * metadata and the body from the same open file, so they always belong together even while a
 * writer renames a new version into place. A HEAD reads only the file's tail (one read for files
 * up to a few KiB); `open` reads the tail, and the body later with one more read.
 *
 * A whole body is read into a buffer of its own from the byte pool (@imgproc/types takeBytes): the
 * server moves an image source to a worker thread whole, without a copy, and gets the buffer back
 * when the job succeeds, so the next read of that size class faults in no fresh pages. When the
 * file is read whole at once, the body is a view of the buffer's start and the trailer after it
 * is cleared.
 *
 * The callback `node:fs` calls on a plain descriptor are used rather than `FileHandle`: every
 * `FileHandle` call is a promise plus a tracked handle object, which showed up in the server's
 * profile. `fstat` and `close` of a descriptor this process opened are made synchronously: on a
 * local file system neither waits for the disk (open has read the inode; a read-only descriptor
 * has nothing to flush), and each thread-pool round trip cost more than the call itself. With
 * them synchronous a processed GET makes two fewer thread-pool round trips (three instead of
 * five). Open and read, which can wait for the disk, stay off the event loop. This assumes the
 * data folder is on a local file system (on NFS or FUSE fstat and close can wait on the network).
 *
 * A descriptor left open by a large object's stream is closed when the stream ends, errs or is
 * cancelled (the StorageAdapter contract: read a body to the end or cancel it).
 */
import { closeSync, fstatSync, open, read } from 'node:fs'
import { takeBytes, type ObjectMeta, type StoredObject } from '@imgproc/types'
import { streamOf } from './bytes.js'
import { decodeTrailer, isMissing, TAIL, trailerLength } from './node-fs-files.js'

/** Enough for a trailer with ordinary metadata; a longer one costs a second read. */
const TAIL_WINDOW = 4096

const openFd = (path: string) =>
  new Promise<number>((resolve, reject) => open(path, 'r', (error, fd) => (error ? reject(error) : resolve(fd))))

/** Reads `length` bytes at `position` into a new array (short only at the end of the file). */
export function readAt(fd: number, position: number, length: number): Promise<Uint8Array> {
  // not zero-filled first: the read overwrites it, and only what was read is handed out
  const memory = Buffer.allocUnsafeSlow(length)
  return readInto(fd, position, new Uint8Array(memory.buffer, memory.byteOffset, length))
}

/** Fills `into` from `position`; resolves to the part filled (short only at the end of the file). */
function readInto(fd: number, position: number, into: Uint8Array): Promise<Uint8Array> {
  const length = into.length
  return new Promise((resolve, reject) => {
    const step = (filled: number) => {
      if (filled === length) return resolve(into)
      read(fd, into, filled, length - filled, position + filled, (error, bytesRead) => {
        if (error) return reject(error)
        if (bytesRead === 0) return resolve(into.subarray(0, filled))
        step(filled + bytesRead)
      })
    }
    step(0)
  })
}

/** Reads an open object file's whole body (`size` bytes from the start); a short file is an error, never a short body. */
export async function readWhole(fd: number, size: number, key: string): Promise<Uint8Array> {
  const bytes = await readInto(fd, 0, takeBytes(size))
  if (bytes.length !== size) throw new Error(`the object file of ${key} ended after ${bytes.length} of ${size} bytes`)
  return bytes
}

/** Closes a read-only descriptor: it has nothing to flush, and a failed close nothing to report. */
export function closeFd(fd: number): void {
  try {
    closeSync(fd)
  } catch {
    // nothing to do: the descriptor is gone either way
  }
}

export interface OpenedFile {
  meta: ObjectMeta
  /** the whole body, when it was read together with the metadata; the descriptor is then closed */
  bytes?: Uint8Array
  /** the open descriptor when `bytes` is absent; the caller closes it (closeFd) */
  fd: number
}

/**
 * Opens an object file and reads its metadata, and its whole body too when the file is at most
 * `wholeUpTo` bytes (0: metadata only). Undefined when there is no complete object of that key.
 */
export async function openObject(path: string, key: string, wholeUpTo: number): Promise<OpenedFile | undefined> {
  let fd: number
  try {
    fd = await openFd(path)
  } catch (error) {
    if (isMissing(error)) return undefined
    throw error
  }
  let keepOpen = false
  try {
    const size = fstatSync(fd).size
    if (size < TAIL) return undefined
    // awaited here: the finally below must not close the descriptor while the read is still running
    if (size <= wholeUpTo) return await wholeFile(fd, size, key)
    const window = Math.min(size, TAIL_WINDOW)
    let tail = await readAt(fd, size - window, window)
    if (tail.length !== window) return undefined
    const length = trailerLength(tail.subarray(window - TAIL), size)
    if (length === undefined) return undefined
    if (length + TAIL > window) tail = await readAt(fd, size - TAIL - length, length + TAIL)
    const meta = trailerMeta(tail, size, length, key)
    if (meta === undefined) return undefined
    keepOpen = true
    return { meta, fd }
  } finally {
    if (!keepOpen) closeFd(fd)
  }
}

/**
 * The metadata in the trailer (`length` bytes of JSON) that `end`, the last bytes of a file of
 * `size` bytes, holds; undefined unless it is `key`'s and describes the rest of the file.
 */
function trailerMeta(end: Uint8Array, size: number, length: number, key: string): ObjectMeta | undefined {
  const meta = decodeTrailer(end.subarray(end.length - TAIL - length, end.length - TAIL), size - TAIL - length)
  return meta?.key === key ? meta : undefined
}

/** The whole object file in one read: its body a view of the buffer's start, the trailer after it cleared. */
async function wholeFile(fd: number, size: number, key: string): Promise<OpenedFile | undefined> {
  const file = await readInto(fd, 0, takeBytes(size))
  if (file.length !== size) return undefined
  const length = trailerLength(file.subarray(size - TAIL), size)
  if (length === undefined) return undefined
  const meta = trailerMeta(file, size, length, key)
  if (meta === undefined) return undefined
  file.fill(0, meta.size)
  return { meta, bytes: file.subarray(0, meta.size), fd: -1 }
}

/**
 * A web ReadableStream over bytes [start, end] of an open descriptor; closes it when the stream
 * ends, fails or is cancelled. A cancel closes only once a read still in the thread pool has
 * settled: the close is synchronous, and a descriptor number closed under a pending read could be
 * reused by the next open before that read runs.
 */
export function fdStream(fd: number, start: number, end: number, chunkSize = 256 * 1024): ReadableStream<Uint8Array> {
  let position = start
  let closed = false
  let reading: Promise<unknown> | undefined
  const finish = () => {
    if (!closed) closeFd(fd)
    closed = true
  }
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const remaining = end + 1 - position
      if (remaining <= 0) {
        finish()
        controller.close()
        return
      }
      try {
        const read = readAt(fd, position, Math.min(chunkSize, remaining))
        reading = read
        const chunk = await read
        if (chunk.length === 0) throw new Error('the object file ended early')
        position += chunk.length
        controller.enqueue(chunk)
      } catch (error) {
        finish()
        controller.error(error)
      }
    },
    async cancel() {
      await reading?.catch(() => {})
      finish()
    },
  })
}

/** A StoredObject whose body is already in memory: `bytes`, and `body` (a stream of a copy) made on first use. */
export function storedBytes(meta: ObjectMeta, bytes: Uint8Array, range?: { start: number; end: number }): StoredObject {
  let body: ReadableStream<Uint8Array> | undefined
  const stored = { ...meta, bytes, ...(range ? { range } : {}) }
  return Object.defineProperty(stored, 'body', { enumerable: true, get: () => (body ??= streamOf(bytes)) }) as StoredObject
}
