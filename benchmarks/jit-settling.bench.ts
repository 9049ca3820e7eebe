/**
 * How long a freshly started server takes to reach its steady state under the worker-scaling
 * load (thumbnails, each request a different variant, 16 connections, 2 workers): consecutive
 * windows of load on one server process, each with its req/s and its CPU per request by thread
 * (thread-cpu.ts). V8 optimises a function once it has run often enough, on its compiler
 * threads; at ~80 requests a second a function called once a request takes a while to get
 * there, and until then the main thread runs slower code and the compiler threads take CPU from
 * the image workers. This is what chooses worker-scaling's `--warmup`.
 *
 *   pnpm exec tsx benchmarks/jit-settling.bench.ts [--seconds 150] [--window 10]
 *
 * Both the server and the pool front (server-load/pool-front-server.ts) run, one after the
 * other. X/W is the CPU a request costs outside the image workers (main thread, other threads,
 * the load generator) over what it costs in them; on 2 cores 2 workers reach at most 2 / (1 + X/W)
 * times one worker's rate (the model worker-scaling.bench.ts reports). Needs wrk. Writes
 * benchmarks/results/jit-settling.md.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { startImgprocServer, stopServerProcess, type ServerProcess } from './server-process.js'
import { benchPhoto } from './source-image.js'
import { cpuPerRequest, threadCpu, VARIANTS_WRK_SCRIPT } from './thread-cpu.js'
import { runWrk, wrkVersion } from './wrk.js'

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '150' }, window: { type: 'string', default: '10' } } })
const totalSeconds = Number(values.seconds)
const windowSeconds = Number(values.window)
const version = wrkVersion()
if (!version) throw new Error('jit-settling needs wrk (apt-get install wrk)')
const here = fileURLToPath(new URL('.', import.meta.url))
const WORKERS = 2
const CONNECTIONS = 16

interface Window {
  /** seconds of load before this window ended */
  at: number
  rps: number
  mainMs: number
  otherMs: number
  clientMs: number
  workerMs: number
  /** outside the workers over inside them, per request */
  xOverW: number
}

async function settle(label: string, server: ServerProcess): Promise<Window[]> {
  const pid = server.child.pid!
  const url = `http://127.0.0.1:${server.port}`
  const windows: Window[] = []
  for (let at = windowSeconds; at <= totalSeconds; at += windowSeconds) {
    const before = threadCpu(pid)
    const result = await runWrk({ url, connections: CONNECTIONS, seconds: windowSeconds, script: wrkScript })
    if (result.ok === 0 || result.non2xx > 0 || result.errors > 0) throw new Error(`${label}: ${result.ok} thumbnails, ${result.non2xx} non-2xx, ${result.errors} errors in ${windowSeconds} s`)
    const requests = result.ok
    const cpu = cpuPerRequest(pid, before, threadCpu(pid), WORKERS, requests)
    const clientMs = result.clientCpuMs / requests
    const window = { at, rps: result.ok / windowSeconds, mainMs: cpu.mainMs, otherMs: cpu.otherMs, clientMs, workerMs: cpu.workerMs, xOverW: (cpu.mainMs + cpu.otherMs + clientMs) / cpu.workerMs }
    console.log(JSON.stringify({ label, ...window }))
    windows.push(window)
  }
  return windows
}

const dir = await mkdtemp(join(tmpdir(), 'imgproc-jit-settling-'))
const source = await benchPhoto(dir)
const wrkScript = join(dir, 'variants.lua')
await writeFile(wrkScript, VARIANTS_WRK_SCRIPT)
const loadBefore = loadavg()
const runs: Array<{ label: string; windows: Window[] }> = []
try {
  const servers: Array<[string, () => Promise<ServerProcess>]> = [
    ['imgproc server', () => startImgprocServer(join(here, 'server-load/imgproc-server.ts'), [source.path, join(dir, 'data'), '0', '--no-result-cache', '--target-wait-ms', '120000', '--workers', String(WORKERS)])],
    ['pool front', () => startImgprocServer(join(here, 'server-load/pool-front-server.ts'), [source.path, '0', '--workers', String(WORKERS)])],
  ]
  for (const [label, start] of servers) {
    const server = await start()
    try {
      runs.push({ label, windows: await settle(label, server) })
    } finally {
      await stopServerProcess(server)
    }
  }
} finally {
  await rm(dir, { recursive: true, force: true })
}

const f = (x: number, digits = 2) => x.toFixed(digits)
const table = (windows: Window[]) => [
  '| load so far (s) | req/s | main thread (ms/req) | other threads | wrk | workers | X/W | 2 / (1 + X/W) |',
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...windows.map((w) => `| ${w.at} | ${f(w.rps, 1)} | ${f(w.mainMs)} | ${f(w.otherMs)} | ${f(w.clientMs)} | ${f(w.workerMs, 1)} | ${f(w.xOverW, 3)} | ${f(2 / (1 + w.xOverW))}x |`),
]
const lines = [
  '## JIT settling (how long a fresh server takes to reach its steady state)',
  '',
  `Command: \`pnpm exec tsx benchmarks/jit-settling.bench.ts --seconds ${totalSeconds} --window ${windowSeconds}\``,
  '',
  `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}; ${version}, ${CONNECTIONS} connections, ${WORKERS} workers, the worker-scaling load (thumbnails of the ${source.label}, each request a different variant), one server process each, windows of ${windowSeconds} s back to back. Load average ${loadBefore.map((x) => x.toFixed(1)).join(' ')} before, ${loadavg().map((x) => x.toFixed(1)).join(' ')} after.`,
  '',
  'CPU per answered request by thread, from /proc. X/W: outside the image workers (main thread, other threads, wrk) over inside them. The last column is the 2-worker / 1-worker ratio that X/W allows on 2 cores.',
  '',
  ...runs.flatMap((run) => [`### ${run.label}`, '', ...table(run.windows), '']),
]
await writeFile(new URL('./results/jit-settling.md', import.meta.url), `${lines.join('\n')}\n`)
console.log(lines.join('\n'))
