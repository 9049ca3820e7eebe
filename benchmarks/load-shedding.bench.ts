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
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { Agent, get as httpGet } from 'node:http'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

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
const root = fileURLToPath(new URL('..', import.meta.url))
const self = fileURLToPath(import.meta.url)
const corpusPhoto = fileURLToPath(new URL('../../shared/corpus/jpeg/recurser-Landscape_1.jpg', import.meta.url))
const WORKERS = 2
/** every server is warmed at the sustainable load first, so the overload hits a warm server */
const WARM_CONNECTIONS = 4
const WARM_SECONDS = 5
/** open-loop and Retry-After streams: this long before their measured window (the queue fills, the first queued 200s come back) */
const STREAM_WARM_SECONDS = 8

/** A thumbnail path no cache could answer: width 600-799, quality 70-90, drawn per request. */
function thumbnailPath(): string {
  const w = 600 + Math.floor(Math.random() * 200)
  const q = 70 + Math.floor(Math.random() * 21)
  return `/bench/photo.jpg?x-oss-process=image/resize,w_${w}/quality,q_${q}`
}

// ---------------------------------------------------------------------------------------------
// the server child
// ---------------------------------------------------------------------------------------------

async function runChild(): Promise<void> {
  const { serve, configFromEnv } = await import('@imgproc/server/node')
  const { createFileStorage } = await import('@imgproc/storage/node-fs')
  const storage = createFileStorage({ root: values.data! })
  await storage.createBucket('bench', { acl: 'public-read' })
  await storage.put('bench', 'photo.jpg', new Uint8Array(await readFile(values.source!)), { contentType: 'image/jpeg' })
  // the queue limits as `pnpm start` reads them (IMGPROC_TARGET_WAIT_MS, IMGPROC_MAX_QUEUED), else the defaults
  const { limits } = configFromEnv(process.env)
  const server = await serve({ storage, port: 0, hostname: '127.0.0.1', workers: WORKERS, limits, onError: () => {} })
  // a clean exit on SIGTERM, so --cpu-prof can write its profile
  process.once('SIGTERM', () => {
    server.close().finally(() => process.exit(0))
    setTimeout(() => process.exit(0), 3000).unref()
  })
  console.log(`ready ${server.port} ${JSON.stringify(server.handler.limits)}`)
}

// ---------------------------------------------------------------------------------------------
// measuring
// ---------------------------------------------------------------------------------------------

interface Row {
  label: string
  /** closed loop (autocannon), open loop (a fixed offered rate), polite (closed loop honouring Retry-After) */
  mode: 'closed' | 'open' | 'polite'
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

class Tally {
  ok: number[] = []
  rejected: number[] = []
  other = new Map<number, number>()
  errors = 0
  noRetryAfter = 0
  notSlowDown = 0
  retryAfterMin = Infinity
  retryAfterMax = -Infinity
  record(status: number, ms: number, retryAfter: string | undefined, body: string): void {
    if (status === 200) this.ok.push(ms)
    else if (status === 503) {
      this.rejected.push(ms)
      if (retryAfter === undefined || !/^\d+$/.test(retryAfter)) this.noRetryAfter++
      else {
        this.retryAfterMin = Math.min(this.retryAfterMin, Number(retryAfter))
        this.retryAfterMax = Math.max(this.retryAfterMax, Number(retryAfter))
      }
      if (!body.includes('<Code>SlowDown</Code>')) this.notSlowDown++
    } else this.other.set(status, (this.other.get(status) ?? 0) + 1)
  }
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN
  const sorted = Float64Array.from(values).sort()
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!
}

function start(args: string[], env: Record<string, string> = {}, nodeFlags: string[] = []): Promise<{ child: ChildProcess; port: number; limits: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', self, '--child', ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...env },
    })
    let out = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /ready (\d+) (.*)\n/.exec(out)
      if (match) resolve({ child, port: Number(match[1]), limits: match[2]! })
    })
    child.once('exit', (code) => reject(new Error(`server child exited with ${code} before it was ready`)))
  })
}

function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024)
}

interface QueueSample {
  active: number
  depth: number
  allowed: number
}

/** GET /-/health once a second while `until` is pending (the answer waits its turn on the event loop like any request). */
async function sampleQueue(port: number, until: Promise<unknown>): Promise<QueueSample[]> {
  const samples: QueueSample[] = []
  let done = false
  void until.finally(() => (done = true))
  while (!done) {
    await new Promise((resolve) => setTimeout(resolve, 1000))
    if (done) break
    try {
      const health = (await (await fetch(`http://127.0.0.1:${port}/-/health`, { signal: AbortSignal.timeout(5000) })).json()) as { queue: { depth: number; active: number; allowedDepth: number } }
      samples.push({ active: health.queue.active, depth: health.queue.depth, allowed: health.queue.allowedDepth })
    } catch {
      // a health answer slower than 5 s: no sample
    }
  }
  return samples
}

function describeQueue(samples: QueueSample[]): string {
  if (samples.length === 0) return 'no sample'
  const mean = (pick: (s: QueueSample) => number) => samples.reduce((a, s) => a + pick(s), 0) / samples.length
  const allowed = samples.map((s) => s.allowed)
  return `running ${mean((s) => s.active).toFixed(1)}, waiting ${mean((s) => s.depth).toFixed(0)} (max ${Math.max(...samples.map((s) => s.depth))}), allowed ${Math.min(...allowed)}-${Math.max(...allowed)}`
}

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

interface CpuWindow {
  /** cores' worth: the server's main thread, the rest of the server (workers, libuv, GC), the load generator */
  main: number
  rest: number
  client: number
  /** the whole machine busy, 0-1 */
  machine: number
}

function cpuWindow(pid: number): () => CpuWindow {
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

/** Closed loop with autocannon: every response is seen (status, Retry-After, the 503's code, latency). */
async function closedLoop(port: number, connections: number, seconds: number, tally?: Tally): Promise<{ errors: number }> {
  const { default: autocannon } = await import('autocannon')
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    timeout: 60,
    requests: [{ setupRequest: (request) => ({ ...request, method: 'GET', path: thumbnailPath() }) }],
    setupClient: tally
      ? (autocannonClient) => {
          // the 'headers' event carries the parser's { statusCode, headers: [name, value, …] } (not what the typings say)
          const client = autocannonClient as NodeJS.EventEmitter
          let status = 0
          let retryAfter: string | undefined
          let body = ''
          client.on('headers', (head: { statusCode: number; headers: string[] }) => {
            status = head.statusCode
            retryAfter = undefined
            body = ''
            for (let i = 0; i < head.headers.length; i += 2) {
              if (head.headers[i]!.toLowerCase() === 'retry-after') retryAfter = head.headers[i + 1]
            }
          })
          client.on('body', (chunk: Buffer) => {
            if (status !== 200 && body.length < 4096) body += chunk.toString()
          })
          client.on('response', (statusCode: number, _bytes: number, ms: number) => tally.record(statusCode, ms, retryAfter, body))
        }
      : () => {},
  })
  return { errors: result.errors + result.timeouts }
}

interface Answer {
  status: number
  ms: number
  retryAfter: string | undefined
  body: string
}

/** One GET of a fresh thumbnail path; its status, latency, Retry-After and (non-200) body. */
function send(agent: Agent, port: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const sent = performance.now()
    const request = httpGet({ host: '127.0.0.1', port, path: thumbnailPath(), agent }, (response) => {
      const status = response.statusCode ?? 0
      const retryAfter = response.headers['retry-after'] as string | undefined
      let body = ''
      response.on('data', (chunk: Buffer) => {
        if (status !== 200 && body.length < 4096) body += chunk.toString()
      })
      response.on('end', () => resolve({ status, ms: performance.now() - sent, retryAfter, body }))
      response.on('error', reject)
    })
    request.setTimeout(60_000, () => request.destroy(new Error('timeout')))
    request.on('error', reject)
  })
}

/** The measured window of a stream that runs `warmSeconds` + `seconds`: answers completed inside it count. */
function streamWindow(warmSeconds: number, seconds: number, onWindow: () => void) {
  const begin = performance.now()
  const windowStart = begin + warmSeconds * 1000
  const windowEnd = windowStart + seconds * 1000
  let opened = false
  return {
    begin,
    /** true while the stream should go on; opens the window (onWindow) when its time comes */
    tick(): boolean {
      const now = performance.now()
      if (!opened && now >= windowStart) {
        opened = true
        onWindow()
      }
      return now < windowEnd
    },
    inside: (at = performance.now()) => at >= windowStart && at < windowEnd,
  }
}

/**
 * Open loop: `rate` requests per second issued on a clock, each on its own socket if need be,
 * whatever the server answers.
 */
function openLoop(port: number, rate: number, warmSeconds: number, seconds: number, tally: Tally, onWindow: () => void): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity })
  const window = streamWindow(warmSeconds, seconds, onWindow)
  let issued = 0
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (!window.tick()) {
        clearInterval(timer)
        agent.destroy()
        resolve()
        return
      }
      const due = Math.floor(((performance.now() - window.begin) / 1000) * rate)
      for (; issued < due; issued++) {
        send(agent, port).then(
          (a) => window.inside() && tally.record(a.status, a.ms, a.retryAfter, a.body),
          () => window.inside() && tally.errors++,
        )
      }
    }, 2)
  })
}

/**
 * Closed loop of `connections` clients that honour Retry-After as an SDK's retry would: a 503
 * waits Retry-After seconds (plus up to 1 s of jitter) before that client asks again.
 */
async function politeLoop(port: number, connections: number, warmSeconds: number, seconds: number, tally: Tally, onWindow: () => void): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity })
  const window = streamWindow(warmSeconds, seconds, onWindow)
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
  const client = async () => {
    while (window.tick()) {
      try {
        const a = await send(agent, port)
        if (window.inside()) tally.record(a.status, a.ms, a.retryAfter, a.body)
        if (a.status === 503) await sleep(Number(a.retryAfter ?? 1) * 1000 + Math.random() * 1000)
      } catch {
        if (window.inside()) tally.errors++
        await sleep(1000)
      }
    }
  }
  const ticker = setInterval(() => window.tick(), 100) // opens the window even while every client sleeps
  await Promise.all(Array.from({ length: connections }, client))
  clearInterval(ticker)
  agent.destroy()
}

interface Point {
  label: string
  mode: 'closed' | 'open' | 'polite'
  connections: number
  offeredRps?: number
  profileDir?: string
}

async function measure(point: Point, source: string, dataDir: string, seconds: number): Promise<Row> {
  const nodeFlags = point.profileDir ? ['--cpu-prof', '--cpu-prof-dir', point.profileDir] : []
  const { child, port, limits } = await start(['--source', source, '--data', dataDir], {}, nodeFlags)
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
    const targetWaitMs = (JSON.parse(limits) as { targetWaitMs: number }).targetWaitMs
    const unbounded = sampled.filter((q) => q.allowed > WORKERS && q.allowed < (JSON.parse(limits) as { maxQueued: number }).maxQueued)
    const impliedJobMs = unbounded.length ? ((targetWaitMs * WORKERS) / (unbounded.reduce((a, q) => a + q.allowed, 0) / unbounded.length)).toFixed(0) : '-'
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
      impliedJobMs,
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

// ---------------------------------------------------------------------------------------------
// the rejection path in-process
// ---------------------------------------------------------------------------------------------

interface Micro {
  n: number
  usPerRejection: number
  usPerRejectionWithBody: number
  usPerBadParam: number
  usPerHealth: number
  allRetryAfter: boolean
  /** pieces of the rejection path timed alone (same machine, same moment) */
  parts: Array<[string, number]>
}

async function microRejection(photo: Uint8Array, n: number): Promise<Micro> {
  const { createHandler } = await import('@imgproc/server')
  const { createMemoryStorage } = await import('@imgproc/storage')
  const storage = createMemoryStorage()
  await storage.createBucket('bench', { acl: 'public-read' })
  await storage.put('bench', 'photo.jpg', photo, { contentType: 'image/jpeg' })
  const pending: Array<() => void> = []
  const engine = {
    process: () => new Promise<{ body: Uint8Array; contentType: string }>((resolve) => pending.push(() => resolve({ body: new Uint8Array(1), contentType: 'image/jpeg' }))),
  }
  const handler = createHandler({ storage, engine, limits: { concurrency: 1, maxQueued: 1 }, onError: () => {} })
  const url = 'http://127.0.0.1:8080/bench/photo.jpg?x-oss-process=image/resize,w_700/quality,q_80'
  // fill: one running (never finishes until released), one waiting
  const running = handler(new Request(url))
  const waiting = handler(new Request(url))
  for (let i = 0; i < 1000 && !(handler.queue.active === 1 && handler.queue.depth === 1); i++) await new Promise((r) => setImmediate(r))
  if (handler.queue.active !== 1 || handler.queue.depth !== 1) throw new Error(`queue not filled: ${handler.queue.active} running, ${handler.queue.depth} waiting`)

  let allRetryAfter = true
  const time = async (make: () => Request, readBody: boolean, expect: number): Promise<number> => {
    for (let i = 0; i < 1000; i++) await handler(make()) // warm-up (JIT)
    const begin = performance.now()
    for (let i = 0; i < n; i++) {
      const response = await handler(make())
      if (response.status !== expect) throw new Error(`expected ${expect}, got ${response.status}`)
      if (expect === 503 && !response.headers.get('retry-after')) allRetryAfter = false
      if (readBody) await response.text()
    }
    return ((performance.now() - begin) * 1000) / n
  }
  const usPerRejection = await time(() => new Request(url), false, 503)
  const usPerRejectionWithBody = await time(() => new Request(url), true, 503)
  // context: a request refused even earlier (bad process string, 400) and the health page
  const usPerBadParam = await time(() => new Request('http://127.0.0.1:8080/bench/photo.jpg?x-oss-process=image/resize,w_0'), true, 400)
  const usPerHealth = await time(() => new Request('http://127.0.0.1:8080/-/health'), true, 200)
  for (const release of pending) release()
  await new Promise((r) => setImmediate(r))
  for (const release of pending) release()
  await Promise.all([running, waiting])

  // what those microseconds are made of: the steps every request takes before and after admit(), alone
  const { ImgError } = await import('@imgproc/types')
  const longLived = new AbortController()
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SlowDown</Code><Message>Please reduce your request rate: the image work queue is full.</Message><RequestId>0123456789ABCDEF01234567</RequestId><HostId>127.0.0.1</HostId></Error>`
  const alone = (run: () => unknown): number => {
    for (let i = 0; i < 1000; i++) run()
    const begin = performance.now()
    for (let i = 0; i < n; i++) run()
    return ((performance.now() - begin) * 1000) / n
  }
  const parts: Array<[string, number]> = [
    ['new Request(url) (the Node adapter builds one per request)', alone(() => new Request(url))],
    ['request.signal + AbortSignal.timeout(deadline) + AbortSignal.any([3 signals]) (app.ts, every request)', alone(() => AbortSignal.any([new Request(url).signal, AbortSignal.timeout(30_000), longLived.signal]))],
    ['crypto.getRandomValues(12 bytes) (newRequestId, every request)', alone(() => crypto.getRandomValues(new Uint8Array(12)))],
    ["new ImgError('SlowDown', …) (stack captured)", alone(() => new ImgError('SlowDown', 'Please reduce your request rate: the image work queue is full.', { retryAfterSeconds: 6 }))],
    ['new Response(xml, { status: 503, headers }) (errorResponse)', alone(() => new Response(xml, { status: 503, headers: new Headers({ 'content-type': 'application/xml', 'retry-after': '6', 'x-oss-request-id': '0123456789ABCDEF01234567' }) }))],
  ]
  parts[1]![1] -= parts[0]![1] // the Request built inside is counted in its own line
  return { n, usPerRejection, usPerRejectionWithBody, usPerBadParam, usPerHealth, allRetryAfter, parts }
}

// ---------------------------------------------------------------------------------------------
// CPU profile summary (--cpu-prof)
// ---------------------------------------------------------------------------------------------

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount?: number
}

function summariseProfile(dir: string): string[] {
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')) : []
  if (files.length === 0) return ['(no profile written)']
  // the main thread's profile is the one that saw the HTTP layer
  const lines: string[] = []
  for (const file of files) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }
    const byId = new Map(profile.nodes.map((node) => [node.id, node]))
    const self = new Map<string, number>()
    let total = 0
    for (let i = 0; i < profile.samples.length; i++) {
      const node = byId.get(profile.samples[i]!)!
      const delta = profile.timeDeltas[i] ?? 0
      total += delta
      const frame = node.callFrame
      const where = frame.url ? `${frame.url.replace(/^file:\/\/.*?\/(node_modules|packages)\//, '$1/')}:${frame.lineNumber + 1}` : ''
      const name = `${frame.functionName || '(anonymous)'} ${where}`.trim()
      self.set(name, (self.get(name) ?? 0) + delta)
    }
    const httpLayer = [...self.keys()].some((k) => k.includes('hono') || k.includes('_http_server'))
    if (!httpLayer) continue
    lines.push(`Main thread (${file}), ${(total / 1e6).toFixed(1)} s sampled; top self time:`, '', '| self ms | share | function |', '| ---: | ---: | --- |')
    for (const [name, us] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
      lines.push(`| ${(us / 1000).toFixed(0)} | ${((100 * us) / total).toFixed(1)}% | \`${name.replace(/\|/g, '\\|')}\` |`)
    }
  }
  return lines.length ? lines : ['(no main-thread profile found)']
}

// ---------------------------------------------------------------------------------------------
// the run
// ---------------------------------------------------------------------------------------------

async function sourceImage(dir: string): Promise<{ path: string; label: string }> {
  if (existsSync(corpusPhoto)) return { path: corpusPhoto, label: 'corpus jpeg/recurser-Landscape_1.jpg (1800x1200 JPEG)' }
  console.log('(corpus not found: using a generated 1800x1200 JPEG)')
  const { makeDemoImage } = await import('@imgproc/server')
  const path = join(dir, 'source.jpg')
  await writeFile(path, await makeDemoImage({ width: 1800, height: 1200 }))
  return { path, label: 'generated 1800x1200 JPEG (demo image, our encoder)' }
}

const fmt = (ms: number) => (Number.isNaN(ms) ? '-' : ms < 10 ? ms.toFixed(2) : ms.toFixed(0))

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
      // investigation: only the named points, printed, no results file (e.g. --only 256 --cpu-prof, --only open:180,polite:256,micro)
      for (const name of values.only.split(',')) {
        if (name === 'micro') console.log(JSON.stringify(await microRejection(new Uint8Array(await readFile(source.path)), 10_000)))
        else if (name.startsWith('open:')) {
          const rate = Number(name.slice(5))
          await measure({ label: `open loop ${rate} req/s`, mode: 'open', connections: 0, offeredRps: rate, ...(profileDir ? { profileDir } : {}) }, source.path, data(), seconds)
        } else if (name.startsWith('polite:')) {
          const connections = Number(name.slice(7))
          await measure({ label: `${connections} conn honouring Retry-After`, mode: 'polite', connections, ...(profileDir ? { profileDir } : {}) }, source.path, data(), seconds)
        } else await measure({ label: `${name} conn`, mode: 'closed', connections: Number(name), ...(profileDir ? { profileDir } : {}) }, source.path, data(), seconds)
        if (profileDir) console.log(summariseProfile(profileDir).join('\n'))
      }
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
    const ratio = (row: Row) => row.okPerSec / u
    const fourX = rows.filter((r) => r.label.startsWith('4x') || r.mode === 'open')
    const accepted = fourX.every((r) => ratio(r) >= 0.9)
    const cores = (x: number) => (Number.isNaN(x) ? '-' : x.toFixed(2))
    const otherWork = (r: Row) => Math.max(0, r.cpu.machine * cpus().length - r.cpu.main - r.cpu.rest - r.cpu.client)
    const throughput = [
      '| point | 200/s | 503/s | 200/s ÷ U | 200 p50 ms | 200 p99 ms | 503 p50 ms | 503 p99 ms | 503 max ms | 503 w/o Retry-After | 503 not SlowDown | Retry-After s | errors |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows.map(
        (r) =>
          `| ${r.label} | ${r.okPerSec.toFixed(1)} | ${r.rejectedPerSec.toFixed(1)} | ${ratio(r).toFixed(2)} | ${fmt(r.okP50)} | ${fmt(r.okP99)} | ${fmt(r.rejP50)} | ${fmt(r.rejP99)} | ${fmt(r.rejMax)} | ${r.rejected ? r.rejNoRetryAfter : '-'} | ${r.rejected ? r.rejNotSlowDown : '-'} | ${r.retryAfterRange} | ${r.errors} |`,
      ),
    ]
    const resources = [
      '| point | queue (/-/health each second) | job time the queue assumes, ms | server main thread, cores | main-thread µs per response | server workers + rest, cores | 200s per server core-second | load generator, cores | other work on the machine, cores | peak RSS MiB |',
      '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows.map(
        (r) =>
          `| ${r.label} | ${r.queue} | ${r.impliedJobMs} | ${cores(r.cpu.main)} | ${((r.cpu.main * 1e6) / (r.okPerSec + r.rejectedPerSec)).toFixed(0)} | ${cores(r.cpu.rest)} | ${(r.okPerSec / (r.cpu.main + r.cpu.rest)).toFixed(1)} | ${cores(r.cpu.client)} | ${cores(otherWork(r))} | ${r.peakRssMiB} |`,
      ),
    ]
    const heavy = rows.find((r) => r.connections === 256 && r.mode === 'closed')!
    const polite = rows.find((r) => r.mode === 'polite')!
    const open = rows.find((r) => r.mode === 'open')!
    const report = [
      '## load shedding',
      '',
      `Command: \`pnpm exec tsx benchmarks/load-shedding.bench.ts --duration ${seconds}${values['cpu-prof'] ? ' --cpu-prof' : ''}\` (${minutes.toFixed(1)} min)`,
      `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}; the load generator (this process) and the server on the same machine over loopback (127.0.0.1).`,
      `Load average (1 min) before / after: ${loadBefore[0]!.toFixed(1)} / ${loadAfter[0]!.toFixed(1)} (other users' jobs shared the 2 cores: see "other work" per row).`,
      `Server: \`serve()\` with ${WORKERS} workers, filesystem storage in a temp dir, queue limits ${process.env.IMGPROC_TARGET_WAIT_MS || process.env.IMGPROC_MAX_QUEUED ? `IMGPROC_TARGET_WAIT_MS=${process.env.IMGPROC_TARGET_WAIT_MS ?? '(default)'} IMGPROC_MAX_QUEUED=${process.env.IMGPROC_MAX_QUEUED ?? '(default)'}` : 'default (targetWaitMs 5000, maxQueued 256)'}; a fresh server process per row (peak RSS = its VmHWM, worker threads included).`,
      `Request: anonymous GET \`/bench/photo.jpg?x-oss-process=image/resize,w_<600-799>/quality,q_<70-90>\` of the ${source.label}, drawn per request.`,
      `Every server is first warmed at the sustainable load (${WARM_CONNECTIONS} connections, ${WARM_SECONDS} s), so the overload hits a warm server. Closed-loop rows: autocannon, ${seconds} s measured from the moment the load steps up; its clients ask again as soon as they are answered, so a 503 comes straight back (they ignore Retry-After). "Honouring Retry-After": 256 clients that wait Retry-After seconds (+ up to 1 s jitter) after a 503, as an SDK retry would. Open loop: a fixed request rate on the clock (each request its own socket when needed). The last two run ${STREAM_WARM_SECONDS} s before their ${seconds} s window, on the same stream. Statuses, latencies and headers are taken from every response (autocannon's client hooks); "503 not SlowDown" would count RequestTimeout and other 503s. "Job time the queue assumes" is its moving average as implied by the allowed depth /-/health reports (targetWaitMs x workers / allowed; not shown when the allowed depth sits at a bound). CPU is per measured window from /proc (server main thread alone; the rest of the server process: the 2 workers, libuv, GC helpers) and process.cpuUsage() (this process).`,
      '',
      `U (sustainable, unloaded throughput) = ${u.toFixed(1)} 200s/s, the better of 2 and 4 connections (at ${sustainable.connections}); the same point measured again at the end of the run: ${again.okPerSec.toFixed(1)} 200s/s. "Other work" below is the machine's busy time (/proc/stat) minus this benchmark's processes: CPU the 2 cores gave to other users' jobs while a row ran.`,
      '',
      ...throughput,
      '',
      ...resources,
      '',
      `- Acceptance (4x the sustainable load, the accepted requests keep >= 0.9 x U): ${accepted ? 'met' : 'NOT met'}: ${fourX.map((r) => `${r.label} ${ratio(r).toFixed(2)} (other work ${cores(otherWork(r))} cores)`).join('; ')}. U was measured with ${cores(otherWork(sustainable))} cores of other work.`,
      `- Heavy overload (256 connections, closed loop): ${heavy.okPerSec.toFixed(1)} 200s/s (${ratio(heavy).toFixed(2)} x U) while ${heavy.rejectedPerSec.toFixed(0)} 503s/s are answered in p50 ${fmt(heavy.rejP50)} ms / p99 ${fmt(heavy.rejP99)} ms over HTTP; the 200s take p50 ${fmt(heavy.okP50)} ms (target wait 5000 ms).`,
      `- 256 clients that honour Retry-After: ${polite.okPerSec.toFixed(1)} 200s/s (${ratio(polite).toFixed(2)} x U), ${polite.rejectedPerSec.toFixed(1)} 503s/s in p50 ${fmt(polite.rejP50)} ms / p99 ${fmt(polite.rejP99)} ms; the 200s take p50 ${fmt(polite.okP50)} ms.`,
      `- Open loop at ${open.offeredRps} req/s offered: ${open.okPerSec.toFixed(1)} 200s/s (${ratio(open).toFixed(2)} x U), ${open.rejectedPerSec.toFixed(1)} 503s/s in p50 ${fmt(open.rejP50)} ms / p99 ${fmt(open.rejP99)} ms.`,
      `- Every 503 carried Retry-After: ${rows.every((r) => r.rejNoRetryAfter === 0) ? 'yes' : 'NO'} (${rows.reduce((a, r) => a + r.rejected, 0)} 503s checked); every 503 was SlowDown: ${rows.every((r) => r.rejNotSlowDown === 0) ? 'yes' : 'NO'}.`,
      '',
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
      ...(profile.length ? ['', 'CPU profile of the server at 256 connections (`--cpu-prof`):', '', ...profile] : []),
      '',
    ].join('\n')
    await writeFile(join(here, 'results/load-shedding.md'), report)
    console.log(report)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

if (values.child) await runChild()
else await runBench()
