/**
 * Walking the filesystem adapter's tree: every object key of a bucket (decoded from the file
 * names), skipping temporary files and anything that is not ours; and every temporary name under
 * the root, for the orphan sweep. Only the adapter's own folders are entered (bucket names, `o`,
 * `…~d` chunks), and never through a symlink: a directory entry's type is the link's own.
 */
import type { Dirent } from 'node:fs'
import { opendir, readdir, rmdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { isBucketName } from './names.js'
import { DIR_SUFFIX, FILE_SUFFIX, keyFromSegments } from './node-fs-layout.js'
import { isMissing } from './node-fs-files.js'
import { parseTempName, type TempOwner } from './node-fs-temp-names.js'

/** Every key under `objectsDir` (unsorted). */
export async function allKeys(objectsDir: string): Promise<string[]> {
  const keys: string[] = []
  async function visit(dir: string, chunks: string[]): Promise<void> {
    let entries
    try {
      entries = await readdir(dir, { withFileTypes: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return // removed while walking
      throw error
    }
    for (const entry of entries) {
      if (entry.isDirectory() && entry.name.endsWith(DIR_SUFFIX)) {
        await visit(join(dir, entry.name), [...chunks, entry.name])
      } else if (entry.isFile() && entry.name.endsWith(FILE_SUFFIX)) {
        const key = keyFromSegments(chunks, entry.name)
        if (key !== undefined) keys.push(key)
      }
    }
  }
  await visit(objectsDir, [])
  return keys
}

/** True when the tree holds at least one object file (stops at the first). */
export async function hasAnyObject(objectsDir: string): Promise<boolean> {
  async function visit(dir: string): Promise<boolean> {
    let entries
    try {
      entries = await readdir(dir, { withFileTypes: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
      throw error
    }
    for (const entry of entries) {
      if (entry.isFile() && entry.name.endsWith(FILE_SUFFIX)) return true
      if (entry.isDirectory() && entry.name.endsWith(DIR_SUFFIX) && (await visit(join(dir, entry.name)))) return true
    }
    return false
  }
  return visit(objectsDir)
}

/** Removes now-empty chunk directories from `dir` up to (not including) `stop`; best effort. */
export async function pruneEmptyDirs(dir: string, stop: string): Promise<void> {
  let current = dir
  while (current.length > stop.length && current.startsWith(stop)) {
    try {
      await rmdir(current)
    } catch {
      return // not empty (or already gone): a concurrent writer may be using it
    }
    current = dirname(current)
  }
}

/** A temporary name found by `tempEntries`, with what the adapter creates in that place. */
export interface TempEntry {
  path: string
  owner: TempOwner | undefined
  /** at the root: a folder (bucket creation or deletion); anywhere else: a file */
  folder: boolean
  /** for object temp files: the bucket's `o` folder, up to which emptied chunk folders go */
  objectsDir?: string
}

/**
 * Every temp name where the adapter writes one: `<root>/~tmp-…` and `~trash-…`,
 * `<root>/<bucket>/~tmp-…` (settings) and `<root>/<bucket>/o/…/~tmp-…` (objects). Streamed, so a
 * caller can stop and resume it; folders that vanish meanwhile are skipped, other read failures
 * go to `onError` and the walk goes on.
 */
export function tempEntries(root: string, onError: (error: unknown) => void): AsyncGenerator<TempEntry> {
  return tempsIn(root, 'root', root, onError)
}

/** the adapter's folders: the root holds buckets, a bucket holds `o`, `o` and its chunks hold chunks */
type Place = 'root' | 'bucket' | 'objects'

function placeInside(place: Place, name: string): Place | undefined {
  if (place === 'root') return isBucketName(name) ? 'bucket' : undefined
  if (place === 'bucket') return name === 'o' ? 'objects' : undefined
  return name.endsWith(DIR_SUFFIX) ? 'objects' : undefined
}

async function* tempsIn(dir: string, place: Place, objectsDir: string, onError: (error: unknown) => void): AsyncGenerator<TempEntry> {
  for await (const entry of entriesOf(dir, onError)) {
    const path = join(dir, entry.name)
    const temp = parseTempName(entry.name)
    if (temp) {
      yield { path, owner: temp.owner, folder: place === 'root', ...(place === 'objects' ? { objectsDir } : {}) }
    } else if (entry.isDirectory()) {
      const inner = placeInside(place, entry.name)
      if (inner) yield* tempsIn(path, inner, place === 'bucket' ? path : objectsDir, onError)
    }
  }
}

/** A folder's entries, read a batch at a time (a folder of a million objects is never held in memory). */
async function* entriesOf(dir: string, onError: (error: unknown) => void): AsyncGenerator<Dirent> {
  try {
    // the loop closes the folder when it ends, breaks or its generator is returned
    for await (const entry of await opendir(dir, { bufferSize: 128 })) yield entry
  } catch (error) {
    if (!isMissing(error)) onError(error)
  }
}
