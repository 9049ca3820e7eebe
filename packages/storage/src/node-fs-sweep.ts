/**
 * The orphan sweep of the filesystem adapter: removes what interrupted writes left behind (a
 * crash or SIGKILL during a put, a bucket creation or a bucket deletion), which nothing else
 * would ever remove. A temp name (node-fs-walk.ts `tempEntries`) is an orphan when it was last
 * written more than `orphanMaxAgeMs` ago, or when its writer surely no longer exists
 * (node-fs-temp-names.ts). So a write in progress, which keeps touching its file, is never
 * removed unless it stalls for longer than that bound.
 *
 * It runs once when the adapter is created (in the background), then every `orphanSweepIntervalMs` on an
 * unref'd timer, never twice at once. Each run walks names only (one lstat per temp name, no
 * content read) and stops after `orphanSweepBudgetMs`; the next run resumes the walk where it stopped, so a
 * tree too large for one run is covered over several. Entries that vanish meanwhile (a
 * concurrent delete, rename or sweep of another process) are skipped.
 */
import { lstat, rm, unlink } from 'node:fs/promises'
import { dirname, relative } from 'node:path'
import { clearInterval, setInterval } from 'node:timers'
import { isMissing } from './node-fs-files.js'
import { isOwnerGone } from './node-fs-temp-names.js'
import { pruneEmptyDirs, tempEntries, type TempEntry } from './node-fs-walk.js'

export interface SweepReport {
  /** what was removed, relative to the root */
  removed: string[]
  /** temp names still in use: younger than the bound and from a writer that may be alive */
  kept: number
  /** false when the run stopped at its budget (or at `stop`): the next run goes on from there */
  complete: boolean
  /** entries that could not be read or removed (vanished ones do not count) */
  failed: number
}

/** The filesystem adapter's options for the sweep (part of FileStorageOptions). */
export interface OrphanSweepOptions {
  /**
   * A temp file of an interrupted write is removed once it has not been written to for this
   * long, default 1 hour. Keep it above the longest pause a live upload can make: the server's
   * request deadline (`deadlineMs`, 30 s by default) ends any upload well before. Temp files of a
   * process that no longer exists (same machine) go at the next sweep, whatever their age.
   */
  orphanMaxAgeMs?: number
  /** time between sweeps, default 10 minutes; 0: only the sweep at start */
  orphanSweepIntervalMs?: number
  /** the longest one sweep walks before leaving the rest to the next, default 10 s */
  orphanSweepBudgetMs?: number
}

const MINUTE = 60_000

/** Option value or default; a typo such as a negative age must not turn into "remove everything". */
function milliseconds(value: number | undefined, fallback: number, name: string, zeroAllowed = false): number {
  if (value === undefined) return fallback
  if (!Number.isFinite(value) || value < 0 || (value === 0 && !zeroAllowed)) {
    throw new RangeError(`${name} must be a positive number of milliseconds${zeroAllowed ? ' or 0' : ''}, got ${value}`)
  }
  return value
}

export interface OrphanSweeps {
  /** the run made at start */
  startup: Promise<SweepReport>
  /** runs now, or joins the run under way; never rejects */
  run(): Promise<SweepReport>
  /** ends the timer and the run under way; later `run` calls still work but keep nothing open */
  stop(): Promise<void>
}

export function startOrphanSweeps(root: string, options: OrphanSweepOptions = {}): OrphanSweeps {
  const maxAgeMs = milliseconds(options.orphanMaxAgeMs, 60 * MINUTE, 'orphanMaxAgeMs')
  const intervalMs = milliseconds(options.orphanSweepIntervalMs, 10 * MINUTE, 'orphanSweepIntervalMs', true)
  const budgetMs = milliseconds(options.orphanSweepBudgetMs, 10_000, 'orphanSweepBudgetMs')
  let walk: AsyncGenerator<TempEntry> | undefined
  let report: SweepReport
  let running: Promise<SweepReport> | undefined
  let halt = false // asks the run under way to end now
  let stopped = false
  const countFailure = () => void (report.failed += 1)
  // a walk left half-way holds folders open until it is resumed or ended
  const endWalk = async () => {
    await walk?.return(undefined).catch(() => {})
    walk = undefined
  }

  async function runOnce(): Promise<SweepReport> {
    report = { removed: [], kept: 0, complete: false, failed: 0 }
    const deadline = Date.now() + budgetMs
    try {
      walk ??= tempEntries(root, countFailure)
      while (!halt && Date.now() < deadline) {
        const next = await walk.next()
        if (next.done) {
          walk = undefined
          report.complete = true
          break
        }
        await sweepEntry(root, next.value, maxAgeMs, report).catch(countFailure)
      }
    } catch {
      countFailure()
      walk = undefined // start over next time
    }
    if (stopped) await endWalk()
    return report
  }

  const run = () => (running ??= runOnce().finally(() => (running = undefined)))
  const timer = intervalMs > 0 ? setInterval(() => void run(), intervalMs).unref() : undefined
  return {
    startup: run(),
    run,
    async stop() {
      stopped = true
      clearInterval(timer)
      halt = true
      await running
      halt = false
      await endWalk()
    },
  }
}

/** Removes one temp entry when it is an orphan; counts it in the report. */
async function sweepEntry(root: string, entry: TempEntry, maxAgeMs: number, report: SweepReport): Promise<void> {
  let stats
  try {
    stats = await lstat(entry.path)
  } catch (error) {
    if (isMissing(error)) return
    throw error
  }
  // only what the adapter creates in that place, and never a symlink (it is not followed either)
  if (entry.folder ? !stats.isDirectory() : !stats.isFile()) return
  const orphan = Date.now() - stats.mtimeMs > maxAgeMs || (entry.owner !== undefined && isOwnerGone(entry.owner, stats.mtimeMs))
  if (!orphan) {
    report.kept += 1
    return
  }
  if (entry.folder) {
    await rm(entry.path, { recursive: true, force: true }) // removes links inside, never what they point to
  } else {
    try {
      await unlink(entry.path)
    } catch (error) {
      if (!isMissing(error)) throw error
    }
  }
  report.removed.push(relative(root, entry.path))
  if (entry.objectsDir) await pruneEmptyDirs(dirname(entry.path), entry.objectsDir)
}
