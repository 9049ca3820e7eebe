/**
 * The object file of the filesystem adapter and how it is written. One file holds the body
 * followed by a JSON trailer with the metadata, then the trailer length (u32 BE) and a magic:
 *
 *   [body][trailer JSON][u32 trailer length][8 bytes "IMGPROC1"]
 *
 * Body and metadata live in one file so that a single rename publishes both: a crash can never
 * pair a body with another body's ETag. The body comes first so it can be streamed to disk while
 * its MD5 is computed; the trailer (known only at the end) follows. Writes go to a temporary file
 * in the target directory, are fsynced, then renamed over the target (atomic on POSIX), and the
 * directory is fsynced so the rename itself survives a power loss. A temp file left by a crash is
 * removed by the orphan sweep (node-fs-sweep.ts).
 */
import { open, rename, link, unlink, mkdir } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { ObjectMeta } from '@imgproc/types'
import { TEMP_PREFIX } from './node-fs-layout.js'
import { tempName } from './node-fs-temp-names.js'

/** the file (or a folder on its path) does not exist: gone, or never written */
export const isMissing = (error: unknown) => ['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException)?.code ?? '')

const MAGIC = new TextEncoder().encode('IMGPROC1')
const TAIL = 4 + MAGIC.length
/** the trailer holds metadata only: a sane cap keeps a corrupt length from allocating much */
const MAX_TRAILER = 1 << 20

interface Trailer extends Omit<ObjectMeta, 'lastModified'> {
  lastModified: number
}

export function encodeTrailer(meta: ObjectMeta): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify({ ...meta, lastModified: meta.lastModified.getTime() } satisfies Trailer))
  const out = new Uint8Array(json.length + TAIL)
  out.set(json, 0)
  new DataView(out.buffer).setUint32(json.length, json.length)
  out.set(MAGIC, json.length + 4)
  return out
}

/** Reads the metadata of an open object file; undefined when the file is not a complete object. */
export async function readTrailer(handle: FileHandle): Promise<ObjectMeta | undefined> {
  const { size } = await handle.stat()
  if (size < TAIL) return undefined
  const tail = new Uint8Array(TAIL)
  await handle.read(tail, 0, TAIL, size - TAIL)
  if (!MAGIC.every((byte, i) => tail[4 + i] === byte)) return undefined
  const length = new DataView(tail.buffer).getUint32(0)
  if (length > MAX_TRAILER || length + TAIL > size) return undefined
  const json = new Uint8Array(length)
  await handle.read(json, 0, length, size - TAIL - length)
  const trailer = JSON.parse(new TextDecoder().decode(json)) as Trailer
  if (trailer.size !== size - TAIL - length) return undefined
  return { ...trailer, lastModified: new Date(trailer.lastModified) }
}

/** Opens an object file and reads its metadata; undefined when there is no (complete) object of that key. */
export async function openObjectFile(path: string, key: string): Promise<{ handle: FileHandle; meta: ObjectMeta } | undefined> {
  let handle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    if (isMissing(error)) return undefined
    throw error
  }
  try {
    const meta = await readTrailer(handle)
    if (meta && meta.key === key) return { handle, meta }
    await handle.close()
    return undefined
  } catch (error) {
    await handle.close()
    throw error
  }
}

/** A temp file next to its target (same file system, so the rename is atomic). */
export function tempPath(dir: string): string {
  return join(dir, tempName(TEMP_PREFIX))
}

/** fsync a directory so a rename in it is durable (not supported everywhere: best effort). */
export async function syncDir(dir: string): Promise<void> {
  let handle: FileHandle | undefined
  try {
    handle = await open(dir, 'r')
    await handle.sync()
  } catch {
    // some platforms (Windows) cannot open or fsync a directory; the rename is still atomic
  } finally {
    await handle?.close()
  }
}

/**
 * Writes a temp file with `write`, fsyncs it and moves it to `target`: rename (replace) or, with
 * `createOnly`, link (fails with EEXIST when the target exists, atomically). Returns false when
 * createOnly found the target present. The temp file is removed on every failure.
 */
export async function writeAtomically(
  target: string,
  write: (handle: FileHandle) => Promise<void>,
  createOnly = false,
): Promise<boolean> {
  const dir = dirname(target)
  const temp = tempPath(dir)
  let handle: FileHandle | undefined
  try {
    handle = await open(temp, 'wx', 0o644)
    await write(handle)
    await handle.sync()
    await handle.close()
    handle = undefined
    if (createOnly) {
      try {
        await link(temp, target)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
        throw error
      }
      await unlink(temp)
    } else {
      await rename(temp, target)
    }
    await syncDir(dir)
    return true
  } finally {
    if (handle) await handle.close().catch(() => {})
    await unlink(temp).catch(() => {})
  }
}

/** Writes all of `bytes` at the handle's position. */
export async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  let offset = 0
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset)
    offset += bytesWritten
  }
}

export async function ensureDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true })
}

/** A web ReadableStream over bytes [start, end] of an open file; closes the handle when done. */
export function fileStream(handle: FileHandle, start: number, end: number, chunkSize = 256 * 1024): ReadableStream<Uint8Array> {
  let position = start
  const close = () => handle.close().catch(() => {})
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const remaining = end + 1 - position
      if (remaining <= 0) {
        await close()
        controller.close()
        return
      }
      const chunk = new Uint8Array(Math.min(chunkSize, remaining))
      try {
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, position)
        if (bytesRead === 0) throw new Error('the object file ended early')
        position += bytesRead
        controller.enqueue(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead))
      } catch (error) {
        await close()
        controller.error(error)
      }
    },
    cancel: close,
  })
}
