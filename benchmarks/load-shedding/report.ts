/**
 * The results file, benchmarks/results/load-shedding.md: the setup, the throughput and
 * resources tables, the acceptance lines, the in-process rejection path and, with --cpu-prof,
 * the profile summary.
 */
import { cpus, totalmem } from 'node:os'
import type { Row } from './measure.js'
import type { Micro } from './micro-rejection.js'
import { STREAM_WARM_SECONDS, WARM_CONNECTIONS, WARM_SECONDS, WORKERS } from './setup.js'

/** what a full run measured, and how it was run */
export interface Run {
  /** measured seconds per point (--duration) */
  seconds: number
  cpuProf: boolean
  /** the run's wall time */
  minutes: number
  /** loadavg() before and after */
  loadBefore: number[]
  loadAfter: number[]
  sourceLabel: string
  rows: Row[]
  /** the better sustainable point (its 200s/s is U), and the same point measured again at the end */
  sustainable: Row
  again: Row
  micro: Micro
  /** summariseProfile's lines, or none */
  profile: string[]
}

const fmt = (ms: number) => (Number.isNaN(ms) ? '-' : ms < 10 ? ms.toFixed(2) : ms.toFixed(0))
const cores = (x: number) => (Number.isNaN(x) ? '-' : x.toFixed(2))
/** cores the machine gave to other work while the row ran: its busy time minus this benchmark's processes */
const otherWork = (r: Row) => Math.max(0, r.cpu.machine * cpus().length - r.cpu.main - r.cpu.rest - r.cpu.client)

function throughputTable(rows: Row[], ratio: (row: Row) => number): string[] {
  return [
    '| point | 200/s | 503/s | 200/s ÷ U | 200 p50 ms | 200 p99 ms | 503 p50 ms | 503 p99 ms | 503 max ms | 503 w/o Retry-After | 503 not SlowDown | Retry-After s | errors |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.label} | ${r.okPerSec.toFixed(1)} | ${r.rejectedPerSec.toFixed(1)} | ${ratio(r).toFixed(2)} | ${fmt(r.okP50)} | ${fmt(r.okP99)} | ${fmt(r.rejP50)} | ${fmt(r.rejP99)} | ${fmt(r.rejMax)} | ${r.rejected ? r.rejNoRetryAfter : '-'} | ${r.rejected ? r.rejNotSlowDown : '-'} | ${r.retryAfterRange} | ${r.errors} |`,
    ),
  ]
}

function resourcesTable(rows: Row[]): string[] {
  return [
    '| point | queue (/-/health each second) | job time the queue assumes, ms | server main thread, cores | main-thread µs per response | server workers + rest, cores | 200s per server core-second | load generator, cores | other work on the machine, cores | peak RSS MiB |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.label} | ${r.queue} | ${r.impliedJobMs} | ${cores(r.cpu.main)} | ${((r.cpu.main * 1e6) / (r.okPerSec + r.rejectedPerSec)).toFixed(0)} | ${cores(r.cpu.rest)} | ${(r.okPerSec / (r.cpu.main + r.cpu.rest)).toFixed(1)} | ${cores(r.cpu.client)} | ${cores(otherWork(r))} | ${r.peakRssMiB} |`,
    ),
  ]
}

/** The acceptance line (4x the sustainable load keeps >= 0.9 x U) and the overload findings. */
function findings(rows: Row[], sustainable: Row, ratio: (row: Row) => number): string[] {
  const fourX = rows.filter((r) => r.label.startsWith('4x') || r.mode === 'open')
  const accepted = fourX.every((r) => ratio(r) >= 0.9)
  const heavy = rows.find((r) => r.connections === 256 && r.mode === 'closed')!
  const polite = rows.find((r) => r.mode === 'polite')!
  const open = rows.find((r) => r.mode === 'open')!
  return [
    `- Acceptance (4x the sustainable load, the accepted requests keep >= 0.9 x U): ${accepted ? 'met' : 'NOT met'}: ${fourX.map((r) => `${r.label} ${ratio(r).toFixed(2)} (other work ${cores(otherWork(r))} cores)`).join('; ')}. U was measured with ${cores(otherWork(sustainable))} cores of other work.`,
    `- Heavy overload (256 connections, closed loop): ${heavy.okPerSec.toFixed(1)} 200s/s (${ratio(heavy).toFixed(2)} x U) while ${heavy.rejectedPerSec.toFixed(0)} 503s/s are answered in p50 ${fmt(heavy.rejP50)} ms / p99 ${fmt(heavy.rejP99)} ms over HTTP; the 200s take p50 ${fmt(heavy.okP50)} ms (target wait 5000 ms).`,
    `- 256 clients that honour Retry-After: ${polite.okPerSec.toFixed(1)} 200s/s (${ratio(polite).toFixed(2)} x U), ${polite.rejectedPerSec.toFixed(1)} 503s/s in p50 ${fmt(polite.rejP50)} ms / p99 ${fmt(polite.rejP99)} ms; the 200s take p50 ${fmt(polite.okP50)} ms.`,
    `- Open loop at ${open.offeredRps} req/s offered: ${open.okPerSec.toFixed(1)} 200s/s (${ratio(open).toFixed(2)} x U), ${open.rejectedPerSec.toFixed(1)} 503s/s in p50 ${fmt(open.rejP50)} ms / p99 ${fmt(open.rejP99)} ms.`,
    `- Every 503 carried Retry-After: ${rows.every((r) => r.rejNoRetryAfter === 0) ? 'yes' : 'NO'} (${rows.reduce((a, r) => a + r.rejected, 0)} 503s checked); every 503 was SlowDown: ${rows.every((r) => r.rejNotSlowDown === 0) ? 'yes' : 'NO'}.`,
  ]
}

function rejectionPath(micro: Micro): string[] {
  return [
    `Rejection path in-process (createHandler, memory storage, an engine that never finishes, limits { concurrency: 1, maxQueued: 1 } filled; ${micro.n} sequential requests after 1000 warm-up, each a new Request):`,
    '',
    '| request | µs per request |',
    '| --- | ---: |',
    `| rejected: 503 SlowDown, handler(new Request(...)) → Response | ${micro.usPerRejection.toFixed(1)} |`,
    `| rejected, and its XML body read | ${micro.usPerRejectionWithBody.toFixed(1)} |`,
    `| for comparison: a bad process string (400 at parse, before admit), body read | ${micro.usPerBadParam.toFixed(1)} |`,
    `| for comparison: GET /-/health, body read | ${micro.usPerHealth.toFixed(1)} |`,
    '',
    `Every in-process rejection carried Retry-After: ${micro.allRetryAfter ? 'yes' : 'NO'}. Pieces of that path timed alone (${micro.n} each):`,
    '',
    '| step | µs |',
    '| --- | ---: |',
    ...micro.parts.map(([step, us]) => `| ${step} | ${us.toFixed(1)} |`),
  ]
}

/** The markdown of a full run. */
export function loadSheddingReport(run: Run): string {
  const { seconds, minutes, loadBefore, loadAfter, rows, sustainable, again, micro, profile } = run
  const u = sustainable.okPerSec
  const ratio = (row: Row) => row.okPerSec / u
  return [
    '## load shedding',
    '',
    `Command: \`pnpm exec tsx benchmarks/load-shedding.bench.ts --duration ${seconds}${run.cpuProf ? ' --cpu-prof' : ''}\` (${minutes.toFixed(1)} min)`,
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}; the load generator (this process) and the server on the same machine over loopback (127.0.0.1).`,
    `Load average (1 min) before / after: ${loadBefore[0]!.toFixed(1)} / ${loadAfter[0]!.toFixed(1)} (other users' jobs shared the 2 cores: see "other work" per row).`,
    `Server: \`serve()\` with ${WORKERS} workers, filesystem storage in a temp dir, the result cache off (every request does its image work), queue limits ${process.env.IMGPROC_TARGET_WAIT_MS || process.env.IMGPROC_MAX_QUEUED ? `IMGPROC_TARGET_WAIT_MS=${process.env.IMGPROC_TARGET_WAIT_MS ?? '(default)'} IMGPROC_MAX_QUEUED=${process.env.IMGPROC_MAX_QUEUED ?? '(default)'}` : 'default (targetWaitMs 5000, maxQueued 256)'}; a fresh server process per row (peak RSS = its VmHWM, worker threads included).`,
    `Request: anonymous GET \`/bench/photo.jpg?x-oss-process=image/resize,w_<600-799>/quality,q_<70-90>\` of the ${run.sourceLabel}, drawn per request.`,
    `Every server is first warmed at the sustainable load (${WARM_CONNECTIONS} connections, ${WARM_SECONDS} s), so the overload hits a warm server. Closed-loop rows: autocannon, ${seconds} s measured from the moment the load steps up; its clients ask again as soon as they are answered, so a 503 comes straight back (they ignore Retry-After). "Honouring Retry-After": 256 clients that wait Retry-After seconds (+ up to 1 s jitter) after a 503, as an SDK retry would. Open loop: a fixed request rate on the clock (each request its own socket when needed). The last two run ${STREAM_WARM_SECONDS} s before their ${seconds} s window, on the same stream. Statuses, latencies and headers are taken from every response (autocannon's client hooks); "503 not SlowDown" would count RequestTimeout and other 503s. "Job time the queue assumes" is its moving average as implied by the allowed depth /-/health reports (targetWaitMs x workers / allowed; not shown when the allowed depth sits at a bound). CPU is per measured window from /proc (server main thread alone; the rest of the server process: the 2 workers, libuv, GC helpers) and process.cpuUsage() (this process).`,
    '',
    `U (sustainable, unloaded throughput) = ${u.toFixed(1)} 200s/s, the better of 2 and 4 connections (at ${sustainable.connections}); the same point measured again at the end of the run: ${again.okPerSec.toFixed(1)} 200s/s. "Other work" below is the machine's busy time (/proc/stat) minus this benchmark's processes: CPU the 2 cores gave to other users' jobs while a row ran.`,
    '',
    ...throughputTable(rows, ratio),
    '',
    ...resourcesTable(rows),
    '',
    ...findings(rows, sustainable, ratio),
    '',
    ...rejectionPath(micro),
    ...(profile.length ? ['', 'CPU profile of the server at 256 connections (`--cpu-prof`):', '', ...profile] : []),
    '',
  ].join('\n')
}
