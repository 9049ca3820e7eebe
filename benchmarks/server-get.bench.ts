/**
 * The plain object path of the HTTP server: GET and PUT of a 10 KiB object at 64 connections,
 * imgproc's server (filesystem adapter) against a bare node:http server reading / writing the same
 * bytes from / to a file, side by side in one run. Every row gets a fresh server process; rounds
 * alternate the servers so that load from other work on the machine falls on both alike.
 *
 *   pnpm exec tsx benchmarks/server-get.bench.ts [--duration 10] [--connections 64] [--rounds 2] [--size 10240] [--baseline <checkout>]
 *
 * `--baseline` adds imgproc rows run from another checkout of this repository (e.g. the commit
 * before a change: `git archive <commit> | tar -x -C <dir>`, node_modules linked), so before and
 * after are measured in the same run; this script copies its server file into that checkout.
 *
 * Rows: bare GET, imgproc anonymous GET (public-read bucket), imgproc signed GET (OSS V1 header;
 * one signature replayed, valid for the skew window), bare PUT (temp file + rename, no fsync),
 * imgproc signed PUT (temp file + fsync + rename + directory fsync: the adapter's durability).
 * Writes benchmarks/results/server-get.md.
 */
import { createHmac, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { loadFigures, startImgprocServer, startServerProcess, type LoadFigures, type ServerProcess } from './server-process.js'

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '64' },
    rounds: { type: 'string', default: '2' },
    size: { type: 'string', default: '10240' },
    baseline: { type: 'string' },
  },
})
const baseline = values.baseline
const duration = Number(values.duration)
const connections = Number(values.connections)
const rounds = Number(values.rounds)
const size = Number(values.size)
const here = fileURLToPath(new URL('.', import.meta.url))
const AK = 'bench-key'
const SECRET = 'bench-secret'

type Server = 'bare' | 'imgproc' | 'baseline'
interface Case {
  name: string
  server: Server
  method: 'GET' | 'PUT'
  path: string
  headers?: () => Record<string, string>
}

interface Row extends LoadFigures {
  name: string
  round: number
  /** the server process's CPU time (all its threads) per request served, in µs */
  cpuUsPerRequest: number
}

/** CPU seconds a process has used so far (user + system, all threads), from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS
}
const CLOCK_TICKS = 100

/** OSS V1 header signature (what ali-oss sends), good for `maxSkewSeconds` from `date`. */
function ossV1(method: string, contentType: string, resource: string): Record<string, string> {
  const date = new Date().toUTCString()
  const signature = createHmac('sha1', SECRET).update(`${method}\n\n${contentType}\n${date}\n${resource}`).digest('base64')
  return { date, authorization: `OSS ${AK}:${signature}`, ...(contentType ? { 'content-type': contentType } : {}) }
}

const IMGPROC_CASES: Case[] = [
  { name: 'imgproc GET (anonymous, public-read)', server: 'imgproc', method: 'GET', path: '/bench/object' },
  { name: 'imgproc GET (signed, OSS V1)', server: 'imgproc', method: 'GET', path: '/bench/object', headers: () => ossV1('GET', '', '/bench/object') },
  {
    name: 'imgproc PUT (signed, OSS V1)',
    server: 'imgproc',
    method: 'PUT',
    path: '/bench/put-target',
    headers: () => ossV1('PUT', 'application/octet-stream', '/bench/put-target'),
  },
]
const BARE_GET: Case = { name: 'bare node:http GET', server: 'bare', method: 'GET', path: '/object' }
const BARE_PUT: Case = { name: 'bare node:http PUT', server: 'bare', method: 'PUT', path: '/object' }
const asBaseline = (c: Case): Case => ({ ...c, name: c.name.replace('imgproc', 'imgproc before'), server: 'baseline' })
const gets = IMGPROC_CASES.filter((c) => c.method === 'GET')
const puts = IMGPROC_CASES.filter((c) => c.method === 'PUT')
const CASES: Case[] = [
  BARE_GET,
  ...gets,
  ...(baseline ? gets.map(asBaseline) : []),
  BARE_PUT,
  ...puts,
  ...(baseline ? puts.map(asBaseline) : []),
]

async function launch(server: Server, file: string, dataDir: string): Promise<ServerProcess> {
  await mkdir(dataDir, { recursive: true })
  if (server === 'bare') return startServerProcess(process.execPath, [join(here, 'server-get/bare-server.mjs'), file, dataDir, '0'])
  const entry = 'benchmarks/server-get/imgproc-server.ts'
  const args = [file, dataDir, '0', AK, SECRET]
  if (server === 'imgproc') return startImgprocServer(entry, args, { name: 'imgproc-server.ts' })
  await mkdir(join(baseline!, 'benchmarks/server-get'), { recursive: true })
  await copyFile(join(here, 'server-get/imgproc-server.ts'), join(baseline!, 'benchmarks/server-get/imgproc-server.ts'))
  return startImgprocServer(entry, args, { name: 'baseline imgproc-server.ts', cwd: baseline! })
}

async function measure(c: Case, round: number, file: string, body: Uint8Array, dir: string): Promise<Row> {
  const { child, port } = await launch(c.server, file, join(dir, `data-${round}-${CASES.indexOf(c)}`))
  try {
    const url = `http://127.0.0.1:${port}${c.path}`
    const headers = c.headers?.() ?? {}
    const requestBody = c.method === 'PUT' ? Buffer.from(body) : undefined
    const probe = await fetch(url, { method: c.method, headers, ...(requestBody ? { body: requestBody } : {}) })
    const probeBytes = new Uint8Array(await probe.arrayBuffer())
    if (!probe.ok || (c.method === 'GET' && probeBytes.length !== size)) {
      throw new Error(`${c.name} answers ${probe.status}: ${new TextDecoder().decode(probeBytes.slice(0, 300))}`)
    }
    const options = { url, connections, method: c.method, headers, ...(requestBody ? { body: requestBody } : {}), timeout: 30 }
    await autocannon({ ...options, duration: 2 }) // warm-up: JIT, caches
    const cpuBefore = cpuSeconds(child.pid!)
    const result = await autocannon({ ...options, duration })
    const cpuUsPerRequest = ((cpuSeconds(child.pid!) - cpuBefore) * 1e6) / Math.max(1, result.requests.total)
    const row: Row = { name: c.name, round, ...loadFigures(result, child.pid!), cpuUsPerRequest }
    console.log(JSON.stringify(row))
    return row
  } finally {
    child.kill('SIGTERM')
    await new Promise((resolve) => child.once('exit', resolve))
  }
}

const median = (list: number[]) => {
  const sorted = [...list].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

const loadBefore = loadavg()
const dir = await mkdtemp(join(tmpdir(), 'imgproc-server-get-'))
const body = new Uint8Array(randomBytes(size))
const file = join(dir, 'object.bin')
await writeFile(file, body)
const rows: Row[] = []
try {
  for (let round = 1; round <= rounds; round++) for (const c of CASES) rows.push(await measure(c, round, file, body, dir))
} finally {
  await rm(dir, { recursive: true, force: true })
}
const loadAfter = loadavg()

const bareOf = (c: Case) => (c.method === 'GET' ? BARE_GET : BARE_PUT)
/** each row against the bare server's row of the same round (measured minutes apart at most, under the same load) */
const roundRatio = (r: Row, c: Case) => r.rps / rows.find((b) => b.name === bareOf(c).name && b.round === r.round)!.rps
const byCase = CASES.map((c) => {
  const mine = rows.filter((r) => r.name === c.name)
  return {
    c,
    rps: median(mine.map((r) => r.rps)),
    ratio: median(mine.map((r) => roundRatio(r, c))),
    cpu: median(mine.map((r) => r.cpuUsPerRequest)),
    rows: mine,
  }
})
const rpsOf = (name: string) => byCase.find((b) => b.c.name === name)!.rps
const table = [
  '| request | server | round | req/s | ÷ bare (same round) | server CPU µs/req | p50 ms | p99 ms | requests | errors | non-2xx | peak RSS MiB |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map((r) => {
    const c = CASES.find((k) => k.name === r.name)!
    const ratio = c.server === 'bare' ? '' : `${roundRatio(r, c).toFixed(2)}x`
    return `| ${r.name} | ${c.server} | ${r.round} | ${r.rps.toFixed(0)} | ${ratio} | ${r.cpuUsPerRequest.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.requests} | ${r.errors} | ${r.non2xx} | ${r.peakRssMiB} |`
  }),
]
const cpuOf = (name: string) => byCase.find((b) => b.c.name === name)!.cpu
const ratios = byCase
  .filter((b) => b.c.server !== 'bare')
  .map((b) => {
    const bare = bareOf(b.c)
    return `- ${b.c.name}: ${b.rps.toFixed(0)} req/s (median of ${b.rows.length}); ${b.ratio.toFixed(2)}x the bare server's ${b.c.method} (median of the per-round ratios; medians of the rates: ${b.rps.toFixed(0)} / ${rpsOf(bare.name).toFixed(0)}); server CPU ${b.cpu.toFixed(0)} µs a request against the bare server's ${cpuOf(bare.name).toFixed(0)}.`
  })
const anonymous = byCase.find((b) => b.c.name === 'imgproc GET (anonymous, public-read)')!.ratio
const clean = rows.every((r) => r.errors === 0 && r.non2xx === 0)
const report = [
  '## server-get',
  '',
  `Command: \`pnpm exec tsx benchmarks/server-get.bench.ts --duration ${duration} --connections ${connections} --rounds ${rounds} --size ${size}\``,
  `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}; autocannon and the servers on the same machine over loopback.`,
  `Requests: ${size}-byte object, ${connections} connections, each row a fresh server process, 2 s warm-up then ${duration} s measured; ${rounds} round(s), servers alternating.`,
  ...(baseline ? [`"imgproc before" rows: the same server script run from the checkout at \`${baseline}\`.`] : []),
  `Load average (1 min) before / after: ${loadBefore[0]!.toFixed(1)} / ${loadAfter[0]!.toFixed(1)} (other work shared the cores while this ran; compare the ratios, measured side by side).`,
  '',
  ...table,
  '',
  ...ratios,
  `- Floor (anonymous GET at least 0.5x the bare server, median of the per-round ratios, no errors): ${anonymous >= 0.5 && clean ? 'met' : 'NOT met'} (${anonymous.toFixed(2)}x${clean ? '' : ', errors seen'}).`,
  '- Server CPU µs/req: the server process\'s user + system time over the measured run (every thread: the thread pool doing the file calls included) divided by the requests it served; less sensitive than req/s to what else the machine runs.',
  '- PUT: imgproc fsyncs the object file and its directory before answering (a crash never loses an acknowledged write); the bare server does not.',
  '',
].join('\n')
await writeFile(join(here, 'results/server-get.md'), report)
console.log(report)
