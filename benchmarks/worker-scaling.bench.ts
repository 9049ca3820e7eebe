/**
 * Worker scaling (issue 14): thumbnail requests per second with 1 and with 2 image workers, and
 * against a node:http + sharp server doing the same work, each request a different variant
 * (width 600-799, quality 70-90, drawn per request) and the result cache off, so no cache helps.
 * Each point's server is started and warmed up once (`--warmup` s of load), then every round
 * measures each point in turn, so two points compared ran seconds apart. Besides req/s it reports
 * the CPU each answered request cost, from /proc (which a shared machine inflates far less than
 * wall time): the main thread (the event loop: HTTP, storage, planning, messages), the image
 * worker threads, and the other threads (V8's GC and compiler threads, libuv's). On 2 cores these
 * decide the scaling: one worker is bound by its own thread, two share both cores with the rest.
 *
 *   pnpm exec tsx benchmarks/worker-scaling.bench.ts [--duration 20] [--rounds 1] [--warmup 60] [--processes] [--client wrk|autocannon]
 *
 * The load generator runs on the same cores as the servers, so its CPU is taken from them: wrk
 * (C; Debian's `wrk` package) costs ~0.2 ms a request here, autocannon (Node) ~1.5 ms, which on
 * 2 cores is as much as the server's own main thread. wrk is used when it is installed (a Lua
 * script draws each request's variant), autocannon otherwise or with `--client autocannon`.
 * imgproc's servers run with the Node flags `pnpm start` uses (server-process.ts).
 *
 * Points: 1 worker and 2 workers at 16 connections, sharp at 16, 2 workers at 64 (peak RSS), and
 * the same worker pool behind node:http alone with 1 and 2 workers at 16 (pool-front-server.ts:
 * no routing, signing, storage adapter, ACL, queue or memory budget), which shows how the image work
 * itself scales and what the server's HTTP side adds outside the workers;
 * `--processes` adds `--processes 2` (node:cluster, one worker each) at 16. `--rounds N` repeats
 * the measured windows N times and reports the median of each point and of each round's own ratios.
 * Writes benchmarks/results/worker-scaling.md.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { clusterPeakRssMiB, IMGPROC_NODE_FLAGS, peakRssMiB, startImgprocServer, startServerProcess, stopServerProcess, type ServerProcess } from './server-process.js'
import { benchPhoto } from './source-image.js'
import { cpuPerRequest, threadCpu, VARIANTS_WRK_SCRIPT } from './thread-cpu.js'
import { runWrk, wrkVersion as findWrk, type WrkResult } from './wrk.js'

const { values } = parseArgs({
  options: { duration: { type: 'string', default: '20' }, rounds: { type: 'string', default: '1' }, processes: { type: 'boolean', default: false }, client: { type: 'string' }, warmup: { type: 'string', default: '60' } },
})
const wrkVersion = findWrk()
const client = values.client ?? (wrkVersion ? 'wrk' : 'autocannon')
if (client !== 'wrk' && client !== 'autocannon') throw new Error(`--client is wrk or autocannon, not ${client}`)
if (client === 'wrk' && !wrkVersion) throw new Error('--client wrk: wrk is not installed (apt-get install wrk)')
const seconds = Number(values.duration)
const rounds = Math.max(1, Number(values.rounds))
const here = fileURLToPath(new URL('.', import.meta.url))

/** A thumbnail no cache could answer: width 600-799 and quality 70-90, drawn per request (sharp reads the same query). */
function variantPath(): string {
  const w = 600 + Math.floor(Math.random() * 200)
  const q = 70 + Math.floor(Math.random() * 21)
  return `/bench/photo.jpg?x-oss-process=image/resize,w_${w}/quality,Q_${q}`
}

interface Point {
  label: string
  connections: number
  launch: () => Promise<ServerProcess>
  /**
   * CPU per request from /proc: split into the main thread, the `workers` image worker threads
   * (the busiest others) and the rest (ours); the whole process (sharp); none (a cluster: its
   * processes are not the primary's)
   */
  cpu: 'split' | 'total' | 'none'
  workers: number
}

interface Row {
  label: string
  connections: number
  /** 200s per second */
  rps: number
  p50: number
  p99: number
  ok: number
  non2xx: number
  errors: number
  peakRssMiB: number
  /** CPU ms per answered request: the main thread, the image workers, the other threads (V8's GC and compiler threads, libuv's), all */
  mainMs: number
  /** the load generator's CPU per answered request (autocannon runs in this process, on the same cores) */
  clientMs: number
  workerMs: number
  otherMs: number
  totalMs: number
}

/** What a run gives, whichever client made it (`requests` unused: the 200s decide the rate). */
type LoadResult = Omit<WrkResult, 'requests'>

/** `seconds` of closed-loop load at `connections`, each request a fresh variant, by the chosen client. */
async function load(url: string, connections: number, seconds: number): Promise<LoadResult> {
  if (client === 'autocannon') {
    const requests: autocannon.Request[] = [{ setupRequest: (request) => ({ ...request, method: 'GET', path: variantPath() }) }]
    const cpuBefore = process.cpuUsage()
    const result = await autocannon({ url, connections, duration: seconds, timeout: 60, requests })
    const cpu = process.cpuUsage(cpuBefore)
    const ok = (result.statusCodeStats as Record<string, { count: number }> | undefined)?.['200']?.count ?? result['2xx']
    return { ok, non2xx: result.non2xx, errors: result.errors + result.timeouts, p50: result.latency.p50, p99: result.latency.p99, clientCpuMs: (cpu.user + cpu.system) / 1000 }
  }
  return runWrk({ url, connections, seconds, script: wrkScript })
}

/** A point's server, started and warmed up, kept for all the rounds. */
interface Running {
  point: Point
  server: ServerProcess
  url: string
}

async function start(point: Point): Promise<Running> {
  const server = await point.launch()
  const url = `http://127.0.0.1:${server.port}`
  try {
    const probe = await fetch(url + variantPath())
    if (!probe.ok || probe.headers.get('content-type') !== 'image/jpeg') throw new Error(`${point.label} does not answer a thumbnail (${probe.status}): ${(await probe.text()).slice(0, 300)}`)
  } catch (error) {
    await stopServerProcess(server)
    throw error
  }
  return { point, server, url }
}

/** A point's high-water mark so far: its process's, or a cluster's (clusterPeakRssMiB). */
const peakOf = (point: Point, pid: number) => (point.cpu === 'none' ? clusterPeakRssMiB(pid) : peakRssMiB(pid))

/** One measured window of a running point: a few seconds of load unmeasured (it sat idle while the others ran), then `seconds` measured. */
async function measure({ point, server, url }: Running): Promise<Row> {
  await load(url, point.connections, REWARM_SECONDS)
  const pid = server.child.pid!
  const before = point.cpu === 'none' ? undefined : threadCpu(pid)
  const result = await load(url, point.connections, seconds)
  const { ok } = result
  const row: Row = {
    label: point.label,
    connections: point.connections,
    rps: ok / seconds,
    p50: result.p50,
    p99: result.p99,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    peakRssMiB: peakOf(point, pid),
    mainMs: Number.NaN,
    clientMs: result.clientCpuMs / Math.max(1, ok),
    workerMs: Number.NaN,
    otherMs: Number.NaN,
    totalMs: Number.NaN,
  }
  if (before && ok) {
    const cpu = cpuPerRequest(pid, before, threadCpu(pid), point.workers, ok)
    if (point.cpu === 'split') Object.assign(row, cpu)
    else row.totalMs = cpu.totalMs
  }
  console.log(JSON.stringify(row))
  return row
}

/**
 * The queue sheds (503) what it could not start within targetWaitMs (5 s by default), which on a
 * busy shared machine cuts in at 16 connections: raised so every point measures the image work.
 */
const TARGET_WAIT_MS = 120_000
/**
 * Long enough for the JIT's steady state (jit-settling.bench.ts): under this load the server's
 * CPU outside its workers per request settles after 40-50 s; at 30 s (the default before) TurboFan
 * was still compiling, the other threads at 0.6-0.9 ms a request against 0.3 settled and the main
 * thread 0.2-0.3 ms slower; after 8 s (the default before that) ~0.5 ms more still.
 */
const WARM_SECONDS = Number(values.warmup)
/** Unmeasured load before each measured window: a server sat idle while the others were measured. */
const REWARM_SECONDS = 5
const WARM_PASSES = 4

/** The median; of an even count, the mean of the two middle values. */
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
/** The row a point's table shows: the one with the median rate (of an even count, the upper middle one). */
const middleRow = (measured: Row[]) => [...measured].sort((a, b) => a.rps - b.rps)[Math.floor(measured.length / 2)]!

const dir = await mkdtemp(join(tmpdir(), 'imgproc-worker-scaling-'))
const source = await benchPhoto(dir)
const wrkScript = join(dir, 'variants.lua')
await writeFile(wrkScript, VARIANTS_WRK_SCRIPT)
let serial = 0
const imgproc = (label: string, connections: number, flags: string[]): Point => ({
  label,
  connections,
  cpu: flags.includes('--processes') ? 'none' : 'split',
  workers: Number(flags[flags.indexOf('--workers') + 1]),
  launch: () => startImgprocServer(join(here, 'server-load/imgproc-server.ts'), [source.path, join(dir, `data-${serial++}`), '0', '--no-result-cache', '--target-wait-ms', String(TARGET_WAIT_MS), ...flags]),
})
const sharpPoint: Point = {
  label: 'node:http + sharp',
  connections: 16,
  cpu: 'total',
  workers: 0,
  launch: () => startServerProcess(process.execPath, [join(here, 'server-load/sharp-server.mjs'), source.path, '0']),
}
/** The same worker pool behind node:http alone (pool-front-server.ts): what the image work scales to without the server's HTTP side. */
const poolFront = (workers: number): Point => ({
  label: `pool front, ${workers} worker${workers === 1 ? '' : 's'}`,
  connections: 16,
  cpu: 'split',
  workers,
  launch: () => startImgprocServer(join(here, 'server-load/pool-front-server.ts'), [source.path, '0', '--workers', String(workers)]),
})
const repeated: Point[] = [imgproc('imgproc, 1 worker', 16, ['--workers', '1']), imgproc('imgproc, 2 workers', 16, ['--workers', '2']), sharpPoint, poolFront(1), poolFront(2)]
if (values.processes) repeated.push(imgproc('imgproc, 2 processes x 1 worker', 16, ['--workers', '2', '--processes', '2']))

const loadBefore = loadavg()
const rows: Row[] = []
const byLabel = new Map<string, Row[]>()
const running: Running[] = []
try {
  // every server started and warmed once, then each round measures them in turn: the points a
  // ratio compares run seconds apart, not minutes (this VM's speed drifts by 15-20% within minutes)
  for (const point of repeated) running.push(await start(point))
  // warm-up (every worker started, JIT and WASM tiers) in passes over all the servers, so that none
  // has sat idle for minutes when the rounds begin: the first window of a server idle that long
  // had its compiler threads busy again (other threads 0.7-0.9 ms a request against 0.2-0.5)
  for (let pass = 0; pass < WARM_PASSES; pass++) {
    for (const each of running) await load(each.url, each.point.connections, Math.max(1, Math.round(WARM_SECONDS / WARM_PASSES)))
  }
  for (let round = 0; round < rounds; round++) {
    // every other round in reverse order, so that no point is always the one after the longest idle
    const order = round % 2 === 0 ? running : [...running].reverse()
    for (const each of order) byLabel.set(each.point.label, [...(byLabel.get(each.point.label) ?? []), await measure(each)])
  }
  for (const [, measured] of byLabel) rows.push(middleRow(measured))
  // each server's high-water mark over all its rounds, not only up to its median window
  for (const each of running) rows.find((row) => row.label === each.point.label)!.peakRssMiB = peakOf(each.point, each.server.child.pid!)
  await Promise.all(running.splice(0).map((each) => stopServerProcess(each.server)))
  const at64 = await start(imgproc('imgproc, 2 workers', 64, ['--workers', '2']))
  running.push(at64)
  await load(at64.url, 64, WARM_SECONDS)
  rows.push(await measure(at64))
} finally {
  await Promise.all(running.map((each) => stopServerProcess(each.server)))
  await rm(dir, { recursive: true, force: true })
}
const loadAfter = loadavg()

const find = (label: string, connections = 16) => rows.find((r) => r.label === label && r.connections === connections)!
const one = find('imgproc, 1 worker')
const two = find('imgproc, 2 workers')
const sharp = find('node:http + sharp')
const at64 = find('imgproc, 2 workers', 64)
const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '-')
/**
 * Each round's own ratio: its points ran back to back, so a drift of the machine's speed (this
 * VM's drifts by 20% within minutes) falls on both sides of it alike.
 */
const series = (label: string) => byLabel.get(label)!
const perRound = (label: string, over: string) => series(label).map((row, i) => row.rps / series(over)[i]!.rps)
const scaling = perRound('imgproc, 2 workers', 'imgproc, 1 worker')
/** X: what a request costs outside the workers with two of them (main thread, other threads, load generator). */
const outsideOf = (row: Row) => row.mainMs + row.otherMs + row.clientMs
const outside = outsideOf(two)
/**
 * W1 / W2, the median of each round's own ratio (the median rows may come from different rounds,
 * and this VM drifts between them). Within 5% either way is noise. Above: the lone worker's
 * requests cost more (the host's doing, cause not known), so part of the ratio is that cost and not
 * the server; the report says what it is at the two-worker cost in both, 2 W2 / (W2 + X). Below:
 * two busy workers slow each other.
 */
const costRatio = median(byLabel.get('imgproc, 1 worker')!.map((one, i) => one.workerMs / byLabel.get('imgproc, 2 workers')![i]!.workerMs))
function costNote(): string {
  if (costRatio < 1 / 1.05) return `, ${((1 / costRatio - 1) * 100).toFixed(0)}% more than W in the median round: two busy workers slow each other`
  return ''
}
function equalCost(): string {
  if (costRatio <= 1.05) return ''
  return ` In the median round the lone worker's requests cost ${((costRatio - 1) * 100).toFixed(0)}% more than each of two workers'; at the two-worker cost in both, 2 x ${ms(two.workerMs)} / (${ms(two.workerMs)} + ${ms(outside)}) = ${((2 * two.workerMs) / (two.workerMs + outside)).toFixed(2)}x.`
}
/** Each round's 2 W2 / (W2 + X): the ratio its two-worker point allows at equal worker cost, whatever the host did to its one-worker point. */
const allowed = (label: string) => byLabel.get(label)!.map((row) => (2 * row.workerMs) / (row.workerMs + outsideOf(row)))
const frontTwo = find('pool front, 2 workers')
const frontScaling = perRound('pool front, 2 workers', 'pool front, 1 worker')
/** What the server's side adds outside the workers: the median of each round's own difference, as for costRatio. */
const added = median(byLabel.get('imgproc, 2 workers')!.map((row, i) => outsideOf(row) - outsideOf(byLabel.get('pool front, 2 workers')![i]!)))
const ratios = (xs: number[]) => `${xs.map((x) => x.toFixed(2)).join(', ')}`
const report = [
  '## worker scaling',
  '',
  `Command: \`pnpm exec tsx benchmarks/worker-scaling.bench.ts --duration ${seconds} --rounds ${rounds} --warmup ${WARM_SECONDS}${values.processes ? ' --processes' : ''}${values.client ? ` --client ${client}` : ''}\``,
  `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}; the load generator (${client === 'wrk' ? wrkVersion : 'autocannon, in the benchmark\'s process'}) and the servers on the same machine over loopback. imgproc's servers run with the Node flags ${IMGPROC_NODE_FLAGS.length ? IMGPROC_NODE_FLAGS.map((flag) => `\`${flag}\``).join(' ') : '(none)'}, as \`pnpm start\` does.`,
  `Request: GET \`resize,w_<600-799>/quality,Q_<70-90>\` of the ${source.label}, drawn per request (sharp gets the same width and quality); imgproc's result cache off and its shedding point raised (targetWaitMs ${TARGET_WAIT_MS / 1000} s). Each point's server started once and warmed up by ${WARM_SECONDS} s of the load itself (in ${WARM_PASSES} passes over all of them); then ${rounds > 1 ? `${rounds} rounds, each measuring` : 'one round measuring'} every 16-connection point in turn, every other round in reverse order (${REWARM_SECONDS} s of load unmeasured, ${seconds} s measured), so the points a ratio compares ran within seconds of each other${rounds > 1 ? ', the median shown' : ''}; the 64-connection point on a server of its own after them.`,
  `Load average (1 min) before / after: ${loadBefore[0]!.toFixed(1)} / ${loadAfter[0]!.toFixed(1)}${loadBefore[0]! > 1.5 || loadAfter[0]! > 3 ? ' (other work shared the cores: figures are indicative)' : ''}.`,
  '',
  `CPU columns: milliseconds of CPU per answered request (/proc), on the main thread, the image worker threads, the other threads (V8\'s GC and compiler threads, libuv\'s), all of the server together, and the load generator (${client}, on the same cores).`,
  '',
  '| server | connections | req/s (200) | p50 ms | p99 ms | 200s | non-2xx | errors | peak RSS MiB | CPU main | CPU workers | CPU other | CPU total | CPU client |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map((r) => `| ${r.label} | ${r.connections} | ${r.rps.toFixed(1)} | ${r.p50} | ${r.p99} | ${r.ok} | ${r.non2xx} | ${r.errors} | ${r.peakRssMiB} | ${ms(r.mainMs)} | ${ms(r.workerMs)} | ${ms(r.otherMs)} | ${ms(r.totalMs)} | ${ms(r.clientMs)} |`),
  '',
  'Each round (W: CPU ms a request in the workers; X: outside them, with 2 workers):',
  '',
  '| round | 1 worker req/s, W1 | 2 workers req/s, W2, X | 2w / 1w | 2 W2 / (W2 + X) | pool front 1w, 2w req/s | front 2w / 1w |',
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...scaling.map((ratio, i) => {
    const [a, b, c, d] = [series('imgproc, 1 worker')[i]!, series('imgproc, 2 workers')[i]!, series('pool front, 1 worker')[i]!, series('pool front, 2 workers')[i]!]
    return `| ${i + 1} | ${a.rps.toFixed(1)}, ${ms(a.workerMs)} | ${b.rps.toFixed(1)}, ${ms(b.workerMs)}, ${ms(outsideOf(b))} | ${ratio.toFixed(2)} | ${allowed('imgproc, 2 workers')[i]!.toFixed(2)} | ${c.rps.toFixed(1)}, ${d.rps.toFixed(1)} | ${frontScaling[i]!.toFixed(2)} |`
  }),
  '',
  `- 2 workers / 1 worker: **${median(scaling).toFixed(2)}x**, the median of the rounds' own ratios (${ratios(scaling)}); the medians of the rows above give ${(two.rps / one.rps).toFixed(2)}x (floor 1.8x on 2 cores).`,
  `- Where that ends on 2 cores: one worker is bound by its own thread (W = ${ms(one.workerMs)} ms a request: at most ${(1000 / one.workerMs).toFixed(0)} req/s) while everything else runs on the other core; two workers share both cores with everything else, ${ms(outside)} ms a request outside the workers (main thread ${ms(two.mainMs)}, other threads ${ms(two.otherMs)}, load generator ${ms(two.clientMs)}): at most 2000 / (W2 + X) = 2000 / ${ms(two.workerMs + outside)} = ${(2000 / (two.workerMs + outside)).toFixed(0)} req/s. So 2 workers can be at most ${((2 * one.workerMs) / (two.workerMs + outside)).toFixed(2)}x as fast as one on this machine; 1.8x needs a request to cost at most 2W / 1.8 = ${ms((2 * one.workerMs) / 1.8)} ms of CPU with 2 workers, and it costs ${ms(two.workerMs + outside)} (in the workers ${ms(two.workerMs)}${costNote()}; outside them ${ms(outside)}).${equalCost()}`,
  `- At each round's own two-worker cost, 2 W2 / (W2 + X) (what X allows when the lone worker costs what each of two does; independent of the host's speed during the one-worker point): server ${ratios(allowed('imgproc, 2 workers'))}, median **${median(allowed('imgproc, 2 workers')).toFixed(2)}x**; pool front ${ratios(allowed('pool front, 2 workers'))}, median ${median(allowed('pool front, 2 workers')).toFixed(2)}x.`,
  `- The same worker pool behind node:http alone (pool front): 2 workers / 1 worker **${median(frontScaling).toFixed(2)}x** (rounds ${ratios(frontScaling)}); outside its workers a request costs ${ms(outsideOf(frontTwo))} ms with 2 workers (main thread ${ms(frontTwo.mainMs)}, other threads ${ms(frontTwo.otherMs)}, load generator ${ms(frontTwo.clientMs)}) against the server's ${ms(outside)}: the server's HTTP side (routing, signing, storage and ACL, queue and memory budget, its reply) adds ${ms(added)} ms a request (the median of the rounds' own differences) to Node's own HTTP, file reads and worker messages.`,
  `- 2 workers / sharp at 16 connections: ${median(perRound('imgproc, 2 workers', 'node:http + sharp')).toFixed(2)}x, the median of the rounds' ratios (${ratios(perRound('imgproc, 2 workers', 'node:http + sharp'))}) (issue 14's end-state floor 0.6x).`,
  `- 64 connections, 2 workers: ${at64.errors} errors, ${at64.non2xx} non-2xx, peak RSS ${at64.peakRssMiB} MiB (floor: 0 errors, < 1024 MiB).`,
  '',
].join('\n')
await writeFile(join(here, 'results/worker-scaling.md'), report)
console.log(report)
