/**
 * A server process's CPU by thread, from /proc (Linux): how the server benchmarks split what a
 * request costs between the main thread, the image workers and the rest (V8's compiler and GC
 * threads, libuv's thread pool).
 */
import { readdirSync, readFileSync } from 'node:fs'

/** CPU milliseconds used so far by each thread of `pid` (utime + stime, in USER_HZ ticks of 10 ms). */
export function threadCpu(pid: number): Map<string, number> {
  const out = new Map<string, number>()
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const fields = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')
      out.set(tid, (Number(fields[11]) + Number(fields[12])) * 10)
    } catch {
      // the thread ended meanwhile
    }
  }
  return out
}

export interface CpuPerRequest {
  mainMs: number
  workerMs: number
  otherMs: number
  totalMs: number
}

/** Per request: the main thread, the `workers` busiest other threads (the image workers), the rest. */
export function cpuPerRequest(pid: number, before: Map<string, number>, after: Map<string, number>, workers: number, requests: number): CpuPerRequest {
  const used = [...after].map(([tid, ms]) => [tid, ms - (before.get(tid) ?? 0)] as const)
  const main = used.find(([tid]) => tid === String(pid))?.[1] ?? 0
  const others = used.filter(([tid]) => tid !== String(pid)).map(([, ms]) => ms).sort((a, b) => b - a)
  const worker = others.slice(0, workers).reduce((a, b) => a + b, 0)
  const other = others.slice(workers).reduce((a, b) => a + b, 0)
  return { mainMs: main / requests, workerMs: worker / requests, otherMs: other / requests, totalMs: (main + worker + other) / requests }
}

/** The thumbnail load of the worker benchmarks as a wrk script: width 600-799 and quality 70-90, drawn per request. */
export const VARIANTS_WRK_SCRIPT = `math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/bench/photo.jpg?x-oss-process=image/resize,w_" .. (600 + math.random(0, 199)) .. "/quality,Q_" .. (70 + math.random(0, 20)))
end
`
