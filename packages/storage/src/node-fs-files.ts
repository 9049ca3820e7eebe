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
export const TAIL = 4 + MAGIC.length
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

/**
 * The trailer's JSON length from the file's last `TAIL` bytes; undefined when they do not end an
 * object file of `size` bytes (no magic, or a length that cannot fit).
 */
export function trailerLength(last: Uint8Array, size: number): number | undefined {
  if (last.length !== TAIL || !MAGIC.every((byte, i) => last[4 + i] === byte)) return undefined
  const length = new DataView(last.buffer, last.byteOffset, 4).getUint32(0)
  return length > MAX_TRAILER || length + TAIL > size ? undefined : length
}

/** Stateless (no `stream` option), so one serves every read. */
const utf8 = new TextDecoder()

/** The metadata in a trailer's JSON; undefined unless it describes a body of `bodySize` bytes. */
export function decodeTrailer(json: Uint8Array, bodySize: number): ObjectMeta | undefined {
  const trailer = JSON.parse(utf8.decode(json)) as Trailer
  if (trailer.size !== bodySize) return undefined
  return { ...trailer, lastModified: new Date(trailer.lastModified) }
}

/** A temp file next to its target (same file system, so the rename is atomic). */
export function tempPath(dir: string): string {
  return join(dir, tempName(TEMP_PREFIX))
}

/** fsync a directory once (not supported everywhere: best effort). */
async function fsyncDir(dir: string): Promise<void> {
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

/** Per directory: the fsync running now, and the one that will start after it (shared by everyone who asks meanwhile). */
const dirSyncs = new Map<string, { running: Promise<void>; next?: Promise<void> }>()

/**
 * Makes every rename done in `dir` before this call durable (fsync of the directory). Writers to
 * one directory share the work (group commit): an fsync that starts after a writer's rename covers
 * it, so while one runs, all who ask meanwhile wait for one more that starts when it ends, rather
 * than one each. A PUT's directory fsync costs as much as the rest of the write, so under
 * concurrent PUTs this roughly halves their cost.
 */
export function syncDir(dir: string): Promise<void> {
  const state = dirSyncs.get(dir)
  if (!state) {
    const running = fsyncDir(dir).finally(() => {
      const after = dirSyncs.get(dir)
      if (after?.running === running && !after.next) dirSyncs.delete(dir)
    })
    dirSyncs.set(dir, { running })
    return running
  }
  // the running fsync may have started before our rename: it does not count
  state.next ??= state.running.then(() => {
    const next = fsyncDir(dir)
    const followUp = next.finally(() => {
      const after = dirSyncs.get(dir)
      if (after?.running === followUp && !after.next) dirSyncs.delete(dir)
    })
    dirSyncs.set(dir, { running: followUp })
    return followUp
  })
  return state.next
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
