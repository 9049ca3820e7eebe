/** CPU accounting from /proc: the server's main thread, the rest of the server, this process, the machine. */
import { readFileSync } from 'node:fs'

const TICKS_PER_SECOND = 100 // USER_HZ

/** CPU seconds used so far: the whole server process, and its main thread (the event loop) alone. */
function serverCpu(pid: number): { process: number; main: number } {
  const ticks = (path: string) => {
    const fields = readFileSync(path, 'utf8').replace(/^.*\) /, '').split(' ')
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND // utime + stime (fields 14, 15)
  }
  return { process: ticks(`/proc/${pid}/stat`), main: ticks(`/proc/${pid}/task/${pid}/stat`) }
}

/** Busy and total jiffies of the whole machine (every process, other work included). */
function machineCpu(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number)
  const total = fields.reduce((a, b) => a + b, 0)
  const idle = fields[3]! + (fields[4] ?? 0)
  return { busy: total - idle, total }
}

export interface CpuWindow {
  /** cores' worth: the server's main thread, the rest of the server (workers, libuv, GC), the load generator */
  main: number
  rest: number
  client: number
  /** the whole machine busy, 0-1 */
  machine: number
}

/** Starts a window on the server `pid` and this process; calling the result ends it and gives the cores used meanwhile. */
export function cpuWindow(pid: number): () => CpuWindow {
  const t0 = performance.now()
  const s0 = serverCpu(pid)
  const c0 = process.cpuUsage()
  const m0 = machineCpu()
  return () => {
    const seconds = (performance.now() - t0) / 1000
    const s1 = serverCpu(pid)
    const c1 = process.cpuUsage(c0)
    const m1 = machineCpu()
    return {
      main: (s1.main - s0.main) / seconds,
      rest: (s1.process - s0.process - (s1.main - s0.main)) / seconds,
      client: (c1.user + c1.system) / 1e6 / seconds,
      machine: (m1.busy - m0.busy) / (m1.total - m0.total),
    }
  }
}
