/**
 * One point of the benchmark: a fresh server child, warmed at the sustainable load, then one
 * measured window of closed-loop, open-loop or Retry-After-honouring clients, made into a row.
 */
import { peakRssMiB } from '../server-process.js'
import { closedLoop, openLoop, politeLoop } from './clients.js'
import { cpuWindow, type CpuWindow } from './cpu.js'
import { describeQueue, impliedJobMs, sampleQueue, type QueueSample } from './queue-samples.js'
import { startServerChild } from './server-child.js'
import { STREAM_WARM_SECONDS, WARM_CONNECTIONS, WARM_SECONDS, thumbnailPath } from './setup.js'
import { percentile, Tally } from './tally.js'

/** closed loop (autocannon), open loop (a fixed offered rate), polite (closed loop honouring Retry-After) */
export type Mode = 'closed' | 'open' | 'polite'

/** what to measure */
export interface Point {
  label: string
  mode: Mode
  connections: number
  offeredRps?: number
  /** profile the server's main thread into this directory (--cpu-prof) */
  profileDir?: string
}

/** what was measured */
export interface Row {
  label: string
  mode: Mode
  connections: number
  offeredRps?: number
  seconds: number
  ok: number
  rejected: number
  other: number
  errors: number
  okPerSec: number
  rejectedPerSec: number
  okP50: number
  okP99: number
  rejP50: number
  rejP99: number
  rejMax: number
  /** 503s without a Retry-After header */
  rejNoRetryAfter: number
  /** 503s whose error code is not SlowDown (e.g. RequestTimeout) */
  rejNotSlowDown: number
  retryAfterRange: string
  /** /-/health once a second during the measured window */
  queue: string
  /** targetWaitMs x workers / allowed depth (mean of the samples), or '-' */
  impliedJobMs: string
  cpu: CpuWindow
  peakRssMiB: number
}

/** Measures `point` for `seconds` on a server child serving `source` from `dataDir`. */
export async function measure(point: Point, source: string, dataDir: string, seconds: number): Promise<Row> {
  const nodeFlags = point.profileDir ? ['--cpu-prof', '--cpu-prof-dir', point.profileDir] : []
  const { child, port, limits } = await startServerChild(source, dataDir, nodeFlags)
  let exited: Promise<unknown> = Promise.resolve()
  try {
    const probe = await fetch(`http://127.0.0.1:${port}${thumbnailPath()}`)
    const probeBody = new Uint8Array(await probe.arrayBuffer())
    if (probe.status !== 200 || probe.headers.get('content-type') !== 'image/jpeg') {
      throw new Error(`the server does not answer the thumbnail (${probe.status}): ${new TextDecoder().decode(probeBody.slice(0, 300))}`)
    }
    const tally = new Tally()
    let errors = 0
    let samples: Promise<QueueSample[]> = Promise.resolve([])
    let cpu: () => CpuWindow = () => ({ main: NaN, rest: NaN, client: NaN, machine: NaN })
    // warm-up at the sustainable load (WASM compile, JIT, the queue's job-time average): the overload hits a warm server
    await closedLoop(port, WARM_CONNECTIONS, WARM_SECONDS)
    if (point.mode === 'closed') {
      cpu = cpuWindow(child.pid!)
      const run = closedLoop(port, point.connections, seconds, tally)
      samples = sampleQueue(port, run)
      errors = (await run).errors
    } else {
      let finished: () => void = () => {}
      const run = new Promise<void>((resolve) => (finished = resolve))
      const onWindow = () => {
        cpu = cpuWindow(child.pid!)
        samples = sampleQueue(port, run)
      }
      if (point.mode === 'open') await openLoop(port, point.offeredRps!, STREAM_WARM_SECONDS, seconds, tally, onWindow)
      else await politeLoop(port, point.connections, STREAM_WARM_SECONDS, seconds, tally, onWindow)
      finished()
      errors = tally.errors
    }
    const usage = cpu()
    const sampled = await samples
    const queue = describeQueue(sampled)
    const other = [...tally.other.values()].reduce((a, b) => a + b, 0)
    const row: Row = {
      label: point.label,
      mode: point.mode,
      connections: point.connections,
      ...(point.offeredRps ? { offeredRps: point.offeredRps } : {}),
      seconds,
      ok: tally.ok.length,
      rejected: tally.rejected.length,
      other,
      errors,
      okPerSec: tally.ok.length / seconds,
      rejectedPerSec: tally.rejected.length / seconds,
      okP50: percentile(tally.ok, 0.5),
      okP99: percentile(tally.ok, 0.99),
      rejP50: percentile(tally.rejected, 0.5),
      rejP99: percentile(tally.rejected, 0.99),
      rejMax: tally.rejected.length ? tally.rejected.reduce((a, b) => Math.max(a, b)) : NaN,
      rejNoRetryAfter: tally.noRetryAfter,
      rejNotSlowDown: tally.notSlowDown,
      retryAfterRange: tally.rejected.length ? `${tally.retryAfterMin}-${tally.retryAfterMax}` : '-',
      queue,
      impliedJobMs: impliedJobMs(sampled, limits),
      cpu: usage,
      peakRssMiB: peakRssMiB(child.pid!),
    }
    if (other) row.queue += `; other statuses ${JSON.stringify(Object.fromEntries(tally.other))}`
    console.log(JSON.stringify({ ...row, limits }))
    return row
  } finally {
    exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))])
  }
}
