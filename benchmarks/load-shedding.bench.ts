/**
 * Load shedding (issue 12): does the image work queue keep the useful throughput when it is
 * offered more than it can do, and does turning the surplus away cost next to nothing?
 *
 * One imgproc server process per point (serve(), filesystem adapter in a temp dir, 2 workers,
 * the default targetWaitMs / maxQueued unless IMGPROC_TARGET_WAIT_MS / IMGPROC_MAX_QUEUED are
 * set), a public-read bucket holding a 1800x1200 JPEG, anonymous GETs of thumbnails whose width
 * (600-799) and quality (70-90) vary per request, so no cache could help.
 *
 * 1. Sustainable load: closed loop at 2 and 4 connections; U = the better of the two 200s/s.
 * 2. Overload, each on a server first warmed at 4 connections: closed loop (autocannon, whose
 *    clients ask again at once after a 503) at 8 and 16 connections (4x each sustainable point)
 *    and 64 and 256; 256 clients that honour Retry-After; and open loop: requests offered at a
 *    fixed 4 x U per second whatever the server answers (a closed loop never offers more than
 *    its connections can carry). Last, the sustainable point again (drift of a shared machine).
 *    Per point: 200s/s, 503s/s, 200s/s over U, p50/p99 latency of the 200s and of the 503s,
 *    whether every 503 is SlowDown with Retry-After (checked on every response), errors,
 *    the queue seen by /-/health each second, CPU of the server's main thread and of the rest,
 *    peak RSS (VmHWM) of the server process.
 * 3. In-process micro-measure of the rejection path: createHandler with memory storage, an engine
 *    that never finishes, limits { concurrency: 1, maxQueued: 1 }, filled; then N rejections.
 *
 *   pnpm exec tsx benchmarks/load-shedding.bench.ts [--duration 20] [--cpu-prof]
 *   pnpm exec tsx benchmarks/load-shedding.bench.ts --only 256,polite:256,open:120,micro [--cpu-prof]
 *
 * `--cpu-prof` also profiles the server's main thread at the 256-connection point and lists
 * where its time goes. Writes benchmarks/results/load-shedding.md (not with `--only`, which
 * runs just the named points and prints them, for investigation).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { measure, type Row } from './load-shedding/measure.js'
import { microRejection } from './load-shedding/micro-rejection.js'
import { summariseProfile } from './load-shedding/profile.js'
import { loadSheddingReport } from './load-shedding/report.js'
import { runServerChild } from './load-shedding/server-child.js'
import { sourceImage } from './source-image.js'

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '20' },
    'cpu-prof': { type: 'boolean', default: false },
    only: { type: 'string' },
    // internal: run as the server child
    child: { type: 'boolean', default: false },
    source: { type: 'string' },
    data: { type: 'string' },
  },
})

const here = fileURLToPath(new URL('.', import.meta.url))

/** Investigation (`--only`): just the named points, printed, no results file. */
async function runOnly(names: string[], sourcePath: string, data: () => string, seconds: number, profileDir: string | undefined): Promise<void> {
  // e.g. --only 256 --cpu-prof, --only open:180,polite:256,micro
  const profiled = profileDir ? { profileDir } : {}
  for (const name of names) {
    if (name === 'micro') console.log(JSON.stringify(await microRejection(new Uint8Array(await readFile(sourcePath)), 10_000)))
    else if (name.startsWith('open:')) {
      const rate = Number(name.slice(5))
      await measure({ label: `open loop ${rate} req/s`, mode: 'open', connections: 0, offeredRps: rate, ...profiled }, sourcePath, data(), seconds)
    } else if (name.startsWith('polite:')) {
      const connections = Number(name.slice(7))
      await measure({ label: `${connections} conn honouring Retry-After`, mode: 'polite', connections, ...profiled }, sourcePath, data(), seconds)
    } else await measure({ label: `${name} conn`, mode: 'closed', connections: Number(name), ...profiled }, sourcePath, data(), seconds)
    if (profileDir) console.log(summariseProfile(profileDir).join('\n'))
  }
}

async function runBench(): Promise<void> {
  const seconds = Number(values.duration)
  const loadBefore = loadavg()
  const began = performance.now()
  const dir = await mkdtemp(join(tmpdir(), 'imgproc-shed-bench-'))
  const source = await sourceImage(dir)
  const rows: Row[] = []
  let profile: string[] = []
  let n = 0
  const data = () => join(dir, `data-${n++}`)
  const profileDir = values['cpu-prof'] ? join(dir, 'profile') : undefined
  try {
    if (values.only) {
      await runOnly(values.only.split(','), source.path, data, seconds, profileDir)
      return
    }
    // 1. the sustainable load
    for (const connections of [2, 4]) rows.push(await measure({ label: `sustainable, ${connections} conn`, mode: 'closed', connections }, source.path, data(), seconds))
    const sustainable = rows.reduce((best, row) => (row.okPerSec > best.okPerSec ? row : best))
    const u = sustainable.okPerSec
    // 2. overload: 4x each sustainable point's connections, heavy overload, and 4 x U offered open-loop
    for (const connections of [8, 16]) rows.push(await measure({ label: `4x connections, ${connections} conn`, mode: 'closed', connections }, source.path, data(), seconds))
    rows.push(await measure({ label: 'overload, 64 conn', mode: 'closed', connections: 64 }, source.path, data(), seconds))
    rows.push(await measure({ label: 'overload, 256 conn', mode: 'closed', connections: 256, ...(profileDir ? { profileDir } : {}) }, source.path, data(), seconds))
    if (profileDir) profile = summariseProfile(profileDir)
    rows.push(await measure({ label: 'overload, 256 conn honouring Retry-After', mode: 'polite', connections: 256 }, source.path, data(), seconds))
    const offered = Math.round(4 * u)
    rows.push(await measure({ label: `open loop, 4 x U = ${offered} req/s offered`, mode: 'open', connections: 0, offeredRps: offered }, source.path, data(), seconds))
    // the sustainable point once more: how far the machine (shared with other work) drifted during the run
    const again = await measure({ label: `sustainable again at the end, ${sustainable.connections} conn`, mode: 'closed', connections: sustainable.connections }, source.path, data(), seconds)
    rows.push(again)
    // 3. the rejection path in-process
    const micro = await microRejection(new Uint8Array(await readFile(source.path)), 10_000)
    console.log(JSON.stringify(micro))

    const loadAfter = loadavg()
    const minutes = (performance.now() - began) / 60_000
    const report = loadSheddingReport({ seconds, cpuProf: values['cpu-prof']!, minutes, loadBefore, loadAfter, sourceLabel: source.label, rows, sustainable, again, micro, profile })
    await writeFile(join(here, 'results/load-shedding.md'), report)
    console.log(report)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

if (values.child) await runServerChild(values.source!, values.data!)
else await runBench()
