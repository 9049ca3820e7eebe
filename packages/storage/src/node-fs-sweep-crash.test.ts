/**
 * The orphan sweep after a real crash: a child process streams large puts through the filesystem
 * adapter and is killed with SIGKILL mid-write. While it lives, a sweep from another process
 * keeps its temp files (uploads in progress); once it is dead, the next adapter created on the
 * folder removes them at start. The old version of the object is intact, a key that had none
 * stays missing, and the chunk folders its interrupted write created are gone.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { md5Hex } from './bytes.js'
import { createFileStorage } from './node-fs.js'
import { keySegments } from './node-fs-layout.js'
import { storageWithBucket, tempsUnder, waitFor } from './node-fs-testing.js'
import { bodyBytes, patternBytes } from './testing-helpers.js'

const MiB = 1024 * 1024
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))
const writerScript = fileURLToPath(new URL('./node-fs-sweep-crash-writer.ts', import.meta.url))
const outer = await mkdtemp(join(tmpdir(), 'imgproc-sweep-crash-'))
afterAll(() => rm(outer, { recursive: true, force: true }))

/** Starts the writer on `keys`; `written(i)` is how many bytes of key i it has streamed so far. */
function startWriter(root: string, keys: string[]) {
  // cwd = repo root so tsx applies the tsconfig paths (@imgproc/* -> sources)
  const child = spawn(process.execPath, ['--import', 'tsx', writerScript, root, 'bkt', ...keys], { cwd: repoRoot })
  const progress = new Map<number, number>()
  let errors = ''
  child.stdout.on('data', (chunk: Buffer) => {
    for (const match of chunk.toString().matchAll(/^wrote (\d+) (\d+)$/gm)) progress.set(Number(match[1]), Number(match[2]))
  })
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()))
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? `exit ${code}: ${errors}`)))
  return { child, exited, written: (index: number) => progress.get(index) ?? 0 }
}

describe('filesystem adapter orphan sweep after SIGKILL', () => {
  it('removes what a killed upload left at the next start and keeps the old version', async () => {
    const { root, storage, objects } = await storageWithBucket(join(outer, 'data'))
    const old = patternBytes(300_000, 9)
    await storage.put('bkt', 'photo.jpg', old, { contentType: 'image/jpeg' })
    const longKey = `albums/${'x'.repeat(600)}/new.jpg` // several chunk folders, no old version
    const writer = startWriter(root, ['photo.jpg', longKey])
    try {
      await waitFor('the writer to stream 1 MiB per key', () => writer.written(0) >= MiB && writer.written(1) >= MiB)
      const temps = await tempsUnder(root)
      expect(temps).toHaveLength(2)
      for (const temp of temps) expect(temp.startsWith(join('bkt', 'o'))).toBe(true)

      // while the writer lives its uploads are in progress: another process's sweep keeps them
      expect(await storage.sweepOrphans()).toMatchObject({ removed: [], kept: 2, failed: 0 })
      writer.child.kill('SIGKILL')
      expect(await writer.exited).toBe('SIGKILL')
      expect(await tempsUnder(root)).toEqual(temps)
      for (const temp of temps) expect((await stat(join(root, temp))).size).toBeGreaterThan(0)

      const restarted = createFileStorage({ root })
      const report = await restarted.startupSweep
      expect(report).toMatchObject({ kept: 0, complete: true, failed: 0 })
      expect(report.removed.sort()).toEqual(temps)
      expect(await tempsUnder(root)).toEqual([])
      expect(await readdir(objects)).toEqual([keySegments('photo.jpg')[0]])

      expect(await bodyBytes(await restarted.get('bkt', 'photo.jpg'))).toEqual(old)
      expect(await restarted.head('bkt', 'photo.jpg')).toMatchObject({ size: old.length, etag: md5Hex(old), contentType: 'image/jpeg' })
      expect(await restarted.get('bkt', longKey)).toBeNull()
      expect((await restarted.list('bkt')).objects.map((o) => o.key)).toEqual(['photo.jpg'])
      await restarted.close()
    } finally {
      writer.child.kill('SIGKILL')
      await storage.close()
    }
  }, 60_000)
})
