import { describe, expect, it } from 'vitest'
import { encodeKey, TEMP_PREFIX, TRASH_PREFIX } from './node-fs-layout.js'
import { isOwnerGone, parseTempName, tempName, thisMachine } from './node-fs-temp-names.js'
import { deadPid, tempNameOf } from './node-fs-testing.js'

const HOUR = 3_600_000

describe('temp names of the filesystem adapter', () => {
  it('carry the writer (machine and PID) and read back', () => {
    for (const prefix of [TEMP_PREFIX, TRASH_PREFIX] as const) {
      const name = tempName(prefix)
      expect(name.startsWith(prefix)).toBe(true)
      expect(parseTempName(name)).toEqual({ owner: { machine: thisMachine(), pid: process.pid } })
    }
    expect(tempName(TEMP_PREFIX)).not.toBe(tempName(TEMP_PREFIX))
  })

  it('recognise the untagged names of earlier versions, and nothing else', () => {
    expect(parseTempName('~tmp-lq2x9k1b-0123456789ab')).toEqual({ owner: undefined })
    expect(parseTempName('~tmp-0123456789abcdef')).toEqual({ owner: undefined })
    expect(parseTempName('~trash-0123456789abcdef')).toEqual({ owner: undefined })
    const foreign = ['~tmp-x', '~tmp-', '~trash-', '~tmpx', 'tmp-0123456789abcdef', '~tmp-0123456789abcdef/', '~tmp-0123456789ABCDEF']
    for (const name of [...foreign, `${tempName(TEMP_PREFIX)}~o`, encodeKey('~tmp-x')]) expect(parseTempName(name), name).toBeUndefined()
  })

  it('call a writer gone only when that is certain', () => {
    const now = Date.now()
    const here = thisMachine()
    expect(isOwnerGone({ machine: here, pid: deadPid() }, now)).toBe(true)
    // alive: this process (written since it started), its parent
    expect(isOwnerGone({ machine: here, pid: process.pid }, now)).toBe(false)
    expect(isOwnerGone({ machine: here, pid: process.ppid }, now)).toBe(false)
    // this PID, but written long before this process started: a previous process with the same PID
    expect(isOwnerGone({ machine: here, pid: process.pid }, now - process.uptime() * 1000 - HOUR)).toBe(true)
    // another machine or container: its PIDs mean nothing here
    expect(isOwnerGone({ machine: 'ffffffff', pid: deadPid() }, now)).toBe(false)
    expect(isOwnerGone({ machine: here, pid: 0 }, now)).toBe(false)
    expect(parseTempName(tempNameOf(deadPid()))?.owner?.machine).toBe(here)
  })
})
