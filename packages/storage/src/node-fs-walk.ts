/**
 * Walking the object tree of one bucket for the filesystem adapter: every object key (decoded
 * from the file names), skipping temporary files and anything that is not ours.
 */
import { readdir, rmdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { DIR_SUFFIX, FILE_SUFFIX, keyFromSegments } from './node-fs-layout.js'

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
