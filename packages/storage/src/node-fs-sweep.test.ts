/**
 * The orphan sweep of the filesystem adapter: what it removes (temp names of interrupted writes,
 * by age or dead writer), what it keeps (writes in progress), and how it behaves on large trees,
 * concurrent deletes and close. Safety (nothing outside the root or not ours) is in
 * node-fs-sweep-safety.test.ts, a real SIGKILL in node-fs-sweep-crash.test.ts.
 */
import { mkdtemp, rm, unlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createFileStorage, type FileStorageOptions } from './node-fs.js'
import { TEMP_PREFIX, TRASH_PREFIX } from './node-fs-layout.js'
import { tempName } from './node-fs-temp-names.js'
import { deadPid, exists, plant, storageWithBucket, tempNameOf, tempsUnder, waitFor } from './node-fs-testing.js'
import { bodyText, utf8 } from './testing-helpers.js'

const MINUTE = 60_000
const parent = await mkdtemp(join(tmpdir(), 'imgproc-sweep-'))
afterAll(() => rm(parent, { recursive: true, force: true }))

let roots = 0
const freshStorage = (options: Partial<FileStorageOptions> = {}) => storageWithBucket(join(parent, `root-${++roots}`), options)

describe('filesystem adapter orphan sweep', () => {
  it('removes temp names older than the bound and keeps younger ones', async () => {
    const { root, storage, bucket, objects } = await freshStorage()
    await storage.put('bkt', 'kept', utf8('data'))
    const old = {
      object: join(objects, tempName(TEMP_PREFIX)),
      settings: join(bucket, tempName(TEMP_PREFIX)),
      creation: join(root, tempName(TEMP_PREFIX)),
      deletion: join(root, tempName(TRASH_PREFIX)),
      untagged: join(objects, '~tmp-lq2x9k1b-0123456789ab'),
      untaggedFolder: join(root, '~trash-0123456789abcdef'),
    }
    // (the first is from a live process that started before this one: its file can be that old)
    const young = [join(objects, tempNameOf(process.ppid)), join(bucket, tempName(TEMP_PREFIX)), join(root, tempName(TEMP_PREFIX))]
    for (const [what, path] of Object.entries(old)) await plant(path, 61 * MINUTE, ['creation', 'deletion', 'untaggedFolder'].includes(what))
    await plant(young[0]!, 59 * MINUTE) // just inside the bound
    await plant(young[1]!)
    await plant(young[2]!, 0, true)

    const report = await storage.sweepOrphans()
    for (const path of Object.values(old)) expect(await exists(path), path).toBe(false)
    for (const path of young) expect(await exists(path), path).toBe(true)
    expect(report).toMatchObject({ kept: 3, complete: true, failed: 0 })
    expect(report.removed.sort()).toEqual(Object.values(old).map((p) => p.slice(root.length + 1)).sort())
    expect(await bodyText(await storage.get('bkt', 'kept'))).toBe('data')
  })

  it('takes its bound from orphanMaxAgeMs', async () => {
    const { storage, objects } = await freshStorage({ orphanMaxAgeMs: MINUTE })
    const temp = join(objects, tempName(TEMP_PREFIX))
    await plant(temp, 2 * MINUTE)
    expect((await storage.sweepOrphans()).removed).toHaveLength(1)
    expect(await exists(temp)).toBe(false)
  })

  it('removes at once, whatever their age, what a process that no longer exists left', async () => {
    const { root, storage, objects } = await freshStorage()
    const gone = deadPid()
    const inChunk = join(objects, 'abc~d', 'def~d', tempNameOf(gone))
    await plant(inChunk)
    await plant(join(root, tempNameOf(gone)), 0, true)
    await plant(join(root, tempNameOf(gone, TRASH_PREFIX)), 0, true)
    const alive = join(objects, tempNameOf(process.ppid))
    await plant(alive)
    const report = await storage.sweepOrphans()
    expect(report).toMatchObject({ kept: 1, complete: true, failed: 0 })
    expect(report.removed).toHaveLength(3)
    expect(await tempsUnder(root)).toEqual([alive.slice(root.length + 1)])
    // the chunk folders the interrupted write created went with it; `o` itself stays
    expect(await exists(join(objects, 'abc~d'))).toBe(false)
    expect(await exists(objects)).toBe(true)
  })

  it('never removes an upload in progress', async () => {
    const { root, storage } = await freshStorage()
    let release!: () => void
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        controller.enqueue(new Uint8Array(100_000).fill(7))
        release = () => controller.close()
      },
    })
    const put = storage.put('bkt', 'slow', body)
    await waitFor('the temp file of the upload', async () => (await tempsUnder(root)).length === 1)
    expect(await storage.sweepOrphans()).toMatchObject({ removed: [], kept: 1 })
    release()
    expect((await put).size).toBe(100_000)
    expect(await tempsUnder(root)).toEqual([])
  })

  it('resumes a walk cut short by its budget where it stopped', async () => {
    const { root, storage, objects } = await freshStorage({ orphanSweepBudgetMs: 1 })
    const gone = deadPid()
    for (let i = 0; i < 300; i++) await plant(join(objects, `c${i % 30}~d`, tempNameOf(gone)))
    const reports = []
    for (let i = 0; i < 10_000; i++) {
      reports.push(await storage.sweepOrphans())
      if (reports.at(-1)!.complete) break
    }
    expect(reports.length).toBeGreaterThan(1)
    expect(reports[0]!.complete).toBe(false)
    expect(reports.flatMap((r) => r.removed)).toHaveLength(300)
    expect(reports.every((r) => r.failed === 0)).toBe(true)
    expect(await tempsUnder(root)).toEqual([])
  })

  it('shrugs off entries deleted while it runs (another sweeper, another process)', async () => {
    const { root, storage, objects } = await freshStorage()
    const other = createFileStorage({ root, orphanSweepIntervalMs: 0 })
    const gone = deadPid()
    const temps = Array.from({ length: 200 }, (_, i) => join(objects, `c${i % 20}~d`, tempNameOf(gone)))
    for (const temp of temps) await plant(temp)
    const reports = await Promise.all([
      storage.sweepOrphans(),
      other.sweepOrphans(),
      ...temps.filter((_, i) => i % 2 === 0).map((temp) => unlink(temp).catch(() => {})),
    ])
    for (const report of reports.slice(0, 2)) expect(report).toMatchObject({ complete: true, failed: 0 })
    expect(await tempsUnder(root)).toEqual([])
  })

  it('sweeps on its timer until closed, and still sweeps when asked after', async () => {
    const { storage, objects } = await freshStorage({ orphanSweepIntervalMs: 20 })
    const first = join(objects, tempName(TEMP_PREFIX))
    await plant(first, 2 * 60 * MINUTE)
    await waitFor('a sweep on the timer', async () => !(await exists(first)))
    await storage.close()
    const second = join(objects, tempName(TEMP_PREFIX))
    await plant(second, 2 * 60 * MINUTE)
    await new Promise((r) => setTimeout(r, 150))
    expect(await exists(second)).toBe(true)
    expect((await storage.sweepOrphans()).removed).toHaveLength(1)
    await storage.put('bkt', 'after-close', utf8('still works'))
  })

  it('starts on a root that does not exist yet, and refuses nonsense bounds', async () => {
    const storage = createFileStorage({ root: join(parent, 'not-yet') })
    expect(await storage.startupSweep).toEqual({ removed: [], kept: 0, complete: true, failed: 0 })
    await storage.close()
    for (const orphanMaxAgeMs of [0, -1, Number.NaN, Infinity]) {
      expect(() => createFileStorage({ root: parent, orphanMaxAgeMs }), String(orphanMaxAgeMs)).toThrow(RangeError)
    }
    expect(() => createFileStorage({ root: parent, orphanSweepIntervalMs: -5 })).toThrow(RangeError)
    expect(() => createFileStorage({ root: parent, orphanSweepBudgetMs: 0 })).toThrow(RangeError)
  })
})
