/**
 * Helpers for the filesystem adapter's own tests (not part of the conformance suite): what a tree
 * holds, temp names of a given writer, and a PID that no longer belongs to any process.
 */
import { spawnSync } from 'node:child_process'
import { mkdir, readdir, stat, utimes, writeFile } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import { createFileStorage, type FileStorageOptions } from './node-fs.js'
import { TEMP_PREFIX, TRASH_PREFIX } from './node-fs-layout.js'
import { thisMachine } from './node-fs-temp-names.js'

/** An adapter on `root` with bucket `bkt`, which sweeps only when asked (unless told otherwise). */
export async function storageWithBucket(root: string, options: Partial<FileStorageOptions> = {}) {
  const storage = createFileStorage({ root, orphanSweepIntervalMs: 0, ...options })
  await storage.startupSweep
  await storage.createBucket('bkt')
  return { root, storage, bucket: join(root, 'bkt'), objects: join(root, 'bkt', 'o') }
}

/** Writes a temp file (or a folder holding one) last modified `ageMs` ago. */
export async function plant(path: string, ageMs = 0, folder = false): Promise<void> {
  await mkdir(folder ? join(path, 'o') : dirname(path), { recursive: true })
  await writeFile(folder ? join(path, 'bucket.json') : path, 'partial')
  await age(path, ageMs)
}

/** Sets a path's modification time `ageMs` in the past (through a symlink: its target's). */
export async function age(path: string, ageMs: number): Promise<void> {
  const when = new Date(Date.now() - ageMs)
  await utimes(path, when, when)
}

export const exists = (path: string) => stat(path).then(() => true, () => false)

/** Every path under `dir` (folders too), relative to it, sorted; symlinks are listed, not entered. */
export async function treeOf(dir: string): Promise<string[]> {
  const out: string[] = []
  async function visit(current: string): Promise<void> {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const path = join(current, entry.name)
      out.push(relative(dir, path))
      if (entry.isDirectory()) await visit(path)
    }
  }
  await visit(dir)
  return out.sort()
}

/** The temp and trash names under `dir`, relative to it. */
export async function tempsUnder(dir: string): Promise<string[]> {
  return (await treeOf(dir)).filter((path) => /(^|\/)~(tmp|trash)-[^/]*$/.test(path))
}

/** A temp name as the adapter writes it, for a writer with this PID on this machine. */
export function tempNameOf(pid: number, prefix: typeof TEMP_PREFIX | typeof TRASH_PREFIX = TEMP_PREFIX): string {
  return `${prefix}${thisMachine()}.${pid}-${Date.now().toString(36)}-${Math.random().toString(16).slice(2, 14).padEnd(12, '0')}`
}

/** The PID of a process that has ended (and been reaped), so no process has it (until reused). */
export function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', ''])
  if (!child.pid) throw new Error('could not start a child process')
  return child.pid
}

/** Polls `check` until it holds; throws naming `what` after `ms`. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
