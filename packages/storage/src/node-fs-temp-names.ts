/**
 * Names of the filesystem adapter's temporary files and folders, and who left them. Every name
 * carries its writer: `~tmp-<machine>.<pid>-<time>-<random>` (and `~trash-…` alike), where
 * <machine> hashes the host name and the PID namespace. The orphan sweep (node-fs-sweep.ts)
 * uses it to remove at once what a process that no longer exists left behind, and to leave alone
 * the writes in progress of live processes sharing the folder. A PID can only be checked where it
 * was issued, so anything from another machine or container is judged by its age alone.
 */
import { createHash, randomFillSync } from 'node:crypto'
import { readlinkSync } from 'node:fs'
import { hostname } from 'node:os'
import { TEMP_PREFIX, TRASH_PREFIX } from './node-fs-layout.js'

export interface TempOwner {
  machine: string
  pid: number
}

/** when this process started, for telling its own temp files from a previous life's with the same PID */
const STARTED_AT = Date.now() - process.uptime() * 1000
/** file times and the clock may disagree a little (coarse timestamps): stay on the safe side */
const CLOCK_SLACK_MS = 2_000
/** moves only when the wall clock is set (a step), not with time passing */
const clockOffset = () => Date.now() - performance.now()
const OFFSET_AT_START = clockOffset()

let machine: string | undefined

/** Where a PID means this process's PID: the host name and (Linux) the PID namespace, hashed. */
export function thisMachine(): string {
  if (machine === undefined) {
    let namespace = ''
    try {
      namespace = readlinkSync('/proc/self/ns/pid')
    } catch {
      // not Linux: the host name alone
    }
    machine = createHash('sha256').update(`${hostname()}\0${namespace}`).digest('hex').slice(0, 8)
  }
  return machine
}

// random bytes drawn 4 KiB at a time: one draw per 682 names instead of one each (a PUT makes one)
const POOL_BYTES = 4092
const pool = Buffer.alloc(POOL_BYTES)
let poolAt = POOL_BYTES

function randomHex12(): string {
  if (poolAt + 6 > POOL_BYTES) {
    randomFillSync(pool)
    poolAt = 0
  }
  poolAt += 6
  return pool.toString('hex', poolAt - 6, poolAt)
}

export function tempName(prefix: typeof TEMP_PREFIX | typeof TRASH_PREFIX): string {
  return `${prefix}${thisMachine()}.${process.pid}-${Date.now().toString(36)}-${randomHex12()}`
}

const TAGGED = /^~(?:tmp|trash)-([0-9a-f]{8})\.(\d{1,10})-[0-9a-z]{1,12}-[0-9a-f]{12}$/
// what versions before the owner tag wrote: object and JSON temp files, bucket creation and deletion folders
const UNTAGGED = [/^~tmp-[0-9a-z]{1,12}-[0-9a-f]{12}$/, /^~(?:tmp|trash)-[0-9a-f]{16}$/]

/**
 * Reads a name: undefined when the adapter never produces it (not ours: it stays untouched),
 * `{ owner: undefined }` for a name written by an earlier version without the owner tag.
 */
export function parseTempName(name: string): { owner: TempOwner | undefined } | undefined {
  const tagged = TAGGED.exec(name)
  if (tagged) return { owner: { machine: tagged[1]!, pid: Number(tagged[2]) } }
  return UNTAGGED.some((pattern) => pattern.test(name)) ? { owner: undefined } : undefined
}

/**
 * True only when the writer surely no longer exists: same machine, and either no process has
 * that PID any more, or it is this process's PID but the file was last written before this
 * process started (a restart that got the same PID). Anything uncertain counts as alive.
 */
export function isOwnerGone(owner: TempOwner, lastWriteMs: number): boolean {
  if (owner.machine !== thisMachine() || !(owner.pid > 0)) return false
  if (owner.pid === process.pid) {
    // after the clock was set back, a file this process just wrote could look older than it
    if (Math.abs(clockOffset() - OFFSET_AT_START) > CLOCK_SLACK_MS) return false
    return lastWriteMs < STARTED_AT - CLOCK_SLACK_MS
  }
  try {
    process.kill(owner.pid, 0) // signal 0: only asks whether the process exists
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH' // EPERM: it exists, owned by another user
  }
}
