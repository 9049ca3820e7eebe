/**
 * The processed-image cache (issue 14): a cached thumbnail against an uncached one, the same
 * server, same image, same connections. Floor: a cached thumbnail >= 20x the req/s of an uncached
 * one, with the authorisation still checked on every hit.
 *
 *   pnpm exec tsx benchmarks/result-cache.bench.ts [--duration 15] [--rounds 2] [--connections 16] [--workers 2]
 *
 * Rows (each a fresh server process: filesystem adapter, worker pool, the default 64 MiB memory
 * cache; rounds alternate them so other load on the machine falls on both alike):
 * - uncached: every request a variant never asked before (width 600-799 and quality 70-90 taken in
 *   turn, so no two requests of a run share a result): each is a miss, does its image work and is
 *   stored, as a new thumbnail would be;
 * - cached: anonymous GETs of one variant of the public-read photo, after one request made it:
 *   each a memory hit, after the source's ACL check (bucket settings, the object's metadata).
 *   Its load comes from 2 client threads (wrk when installed, else autocannon: one autocannon thread
 *   was the bound, ~1 ms of client CPU a 68 KB reply). Both rows use the same client (benchmarks/wrk.ts).
 * Each row also reports the server's CPU per request (/proc), which other load on the machine
 * inflates far less than req/s.
 * Authorisation checks, asserted on every cached row's server before and after its load (the
 * benchmark fails otherwise): the owner's signed GET of the PRIVATE copy's variant is a hit the
 * second time (the hit counter moves), and an anonymous GET of that same cached variant is 403
 * AccessDenied, without touching the counters (the cache is never asked for it).
 * Writes benchmarks/results/result-cache.md.
 */
import { createHmac } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { IMGPROC_NODE_FLAGS, loadFigures, peakRssMiB, processCpuMs, startImgprocServer, stopServerProcess, type LoadFigures } from './server-process.js'
import { benchPhoto } from './source-image.js'
import { runWrk, wrkVersion } from './wrk.js'

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '15' },
    rounds: { type: 'string', default: '2' },
    connections: { type: 'string', default: '16' },
    workers: { type: 'string', default: '2' },
  },
})
const seconds = Number(values.duration)
const rounds = Math.max(1, Number(values.rounds))
const connections = Number(values.connections)
const workers = Number(values.workers)
const here = fileURLToPath(new URL('.', import.meta.url))
const AK = 'bench-key'
const SECRET = 'bench-secret'
const WARM_SECONDS = 5
const CACHED = '/bench/photo.jpg?x-oss-process=image/resize,w_720/quality,Q_80'
/** the private copy's variant; its OSS V1 resource (the process is a signed sub-resource) is the same text */
const PRIVATE_VARIANT = { path: '/bench/private.jpg?x-oss-process=image/resize,w_720/quality,Q_80', resource: '/bench/private.jpg?x-oss-process=image/resize,w_720/quality,Q_80' }

/** The n-th variant no earlier request of the run asked for (4200 of them; a run makes far fewer). */
function uncachedPath(n: number): string {
  const w = 600 + (n % 200)
  const q = 70 + (Math.floor(n / 200) % 21)
  return `/bench/photo.jpg?x-oss-process=image/resize,w_${w}/quality,Q_${q}`
}

/** OSS V1 header signature (what ali-oss sends); the process parameter is a signed sub-resource. */
function ossV1(method: string, resource: string): Record<string, string> {
  const date = new Date().toUTCString()
  const signature = createHmac('sha1', SECRET).update(`${method}\n\n\n${date}\n${resource}`).digest('base64')
  return { date, authorization: `OSS ${AK}:${signature}` }
}

/** The cache's hit and miss counters from /-/metrics. */
async function counters(url: string): Promise<{ hits: number; misses: number }> {
  const text = await (await fetch(`${url}/-/metrics`)).text()
  const sum = (name: string) => [...text.matchAll(new RegExp(`^imgproc_result_cache_${name}_total(?:\\{[^}]*\\})? (\\d+)`, 'gm'))].reduce((a, m) => a + Number(m[1]), 0)
  return { hits: sum('hits'), misses: sum('misses') }
}

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`authorisation check failed: ${what}`)
}

/**
 * The owner's signed GET of the private variant (cached by the first call, a hit after), then an
 * anonymous GET of it: 403 AccessDenied, and the cache not asked.
 */
async function assertAuthorised(url: string): Promise<string> {
  const owner = await fetch(url + PRIVATE_VARIANT.path, { headers: ossV1('GET', PRIVATE_VARIANT.resource) })
  const ownerBody = await owner.arrayBuffer()
  check(owner.status === 200, `the owner's GET of the private variant answered ${owner.status}: ${new TextDecoder().decode(ownerBody.slice(0, 200))}`)
  const before = await counters(url)
  const again = await fetch(url + PRIVATE_VARIANT.path, { headers: ossV1('GET', PRIVATE_VARIANT.resource) })
  await again.arrayBuffer()
  const afterOwner = await counters(url)
  check(again.status === 200 && afterOwner.hits === before.hits + 1, `the owner's second GET is a hit (status ${again.status}, hits ${before.hits} -> ${afterOwner.hits})`)
  const anonymous = await fetch(url + PRIVATE_VARIANT.path)
  const body = await anonymous.text()
  const afterAnonymous = await counters(url)
  check(anonymous.status === 403 && body.includes('<Code>AccessDenied</Code>'), `an anonymous GET of the cached private variant answered ${anonymous.status}`)
  check(afterAnonymous.hits === afterOwner.hits && afterAnonymous.misses === afterOwner.misses, 'the anonymous request never reached the cache')
  return 'owner hit 200, anonymous 403 AccessDenied (cache not asked)'
}

interface Row extends LoadFigures {
  name: 'uncached' | 'cached'
  round: number
  hits: number
  misses: number
  /** the server process's CPU (all threads) per request, ms */
  cpuMsPerRequest: number
  auth: string
}

const CLIENT_THREADS = 2
/** wrk when installed (~0.2 ms of CPU a request on these shared cores, autocannon ~1), for both rows */
const WRK = wrkVersion()
/** Variants in the order uncachedPath takes them, from the offset the script is given. */
const UNCACHED_SCRIPT = `local n = 0
init = function(args) n = tonumber(args[1]) end
request = function()
  local w = 600 + (n % 200)
  local q = 70 + (math.floor(n / 200) % 21)
  n = n + 1
  return wrk.format("GET", "/bench/photo.jpg?x-oss-process=image/resize,w_" .. w .. "/quality,Q_" .. q)
end
`
/** where the measured uncached run starts in the variant sequence: past every warm-up request */
const MEASURED_FROM = 2000


async function measure(name: Row['name'], round: number, source: string, dir: string): Promise<Row> {
  const args = [source, join(dir, `data-${name}-${round}`), '0', AK, SECRET, '--workers', String(workers)]
  const server = await startImgprocServer(join(here, 'result-cache/imgproc-server.ts'), args, { name: 'result-cache/imgproc-server.ts' })
  const { child, port } = server
  try {
    const url = `http://127.0.0.1:${port}`
    let auth = '-'
    let n = 0
    // the cached row's load comes from CLIENT_THREADS threads: one autocannon thread spends ~1 ms
    // of CPU on each 68 KB reply and was the bound at ~1,000 req/s (the server's main thread was
    // three-quarters idle); the uncached row is far from that and needs a request function, which
    // autocannon's worker threads cannot take
    const load =
      name === 'cached'
        ? { url: url + CACHED, workers: CLIENT_THREADS }
        : { url, requests: [{ setupRequest: (request: autocannon.Request): autocannon.Request => ({ ...request, method: 'GET', path: uncachedPath(n++) }) }] }
    const probe = await fetch(url + (name === 'cached' ? CACHED : uncachedPath(n++)))
    if (!probe.ok || probe.headers.get('content-type') !== 'image/jpeg') throw new Error(`${name}: no thumbnail (${probe.status}): ${(await probe.text()).slice(0, 300)}`)
    await probe.arrayBuffer()
    if (name === 'cached') auth = await assertAuthorised(url)
    const script = join(dir, 'uncached.lua')
    if (WRK) await writeFile(script, UNCACHED_SCRIPT)
    const wrkLoad = (seconds: number, from: number) =>
      name === 'cached'
        ? runWrk({ url: url + CACHED, connections, seconds, threads: CLIENT_THREADS })
        : runWrk({ url, connections, seconds, script, scriptArgs: [String(from)] })
    // warm-up: every worker started and warm, JIT tiers
    if (WRK) {
      const warm = await wrkLoad(WARM_SECONDS, 1)
      if (name === 'uncached' && warm.requests >= MEASURED_FROM) throw new Error(`the warm-up made ${warm.requests} variants, past ${MEASURED_FROM}`)
    } else await autocannon({ ...load, connections, duration: WARM_SECONDS, timeout: 60 })
    const before = await counters(url)
    const cpuBefore = processCpuMs(child.pid!)
    let figures: LoadFigures
    if (WRK) {
      const measured = await wrkLoad(seconds, MEASURED_FROM)
      figures = { rps: measured.ok / seconds, p50: measured.p50, p99: measured.p99, requests: measured.requests, errors: measured.errors, non2xx: measured.non2xx, peakRssMiB: peakRssMiB(child.pid!) }
    } else figures = loadFigures(await autocannon({ ...load, connections, duration: seconds, timeout: 60 }), child.pid!)
    const cpu = processCpuMs(child.pid!) - cpuBefore
    const after = await counters(url)
    if (name === 'cached') auth = `${await assertAuthorised(url)}, before and after the load`
    const row: Row = { name, round, ...figures, hits: after.hits - before.hits, misses: after.misses - before.misses, cpuMsPerRequest: cpu / Math.max(1, figures.requests), auth }
    console.log(JSON.stringify(row))
    return row
  } finally {
    await stopServerProcess(server)
  }
}

/** The middle value (the mean of the two middle ones for an even count). */
function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

const dir = await mkdtemp(join(tmpdir(), 'imgproc-result-cache-'))
const source = await benchPhoto(dir)
const loadBefore = loadavg()
const rows: Row[] = []
try {
  for (let round = 0; round < rounds; round++) {
    // alternate which goes first, so a trend in the machine's load falls on both
    const order: Row['name'][] = round % 2 ? ['cached', 'uncached'] : ['uncached', 'cached']
    for (const name of order) rows.push(await measure(name, round, source.path, dir))
  }
} finally {
  await rm(dir, { recursive: true, force: true })
}
const loadAfter = loadavg()

const of = (name: Row['name']) => rows.filter((r) => r.name === name)
const uncachedRps = median(of('uncached').map((r) => r.rps))
const cachedRps = median(of('cached').map((r) => r.rps))
const ratio = cachedRps / uncachedRps
const cachedCpu = median(of('cached').map((r) => r.cpuMsPerRequest))
const uncachedCpu = median(of('uncached').map((r) => r.cpuMsPerRequest))
const errors = rows.reduce((sum, r) => sum + r.errors + r.non2xx, 0)
const report = [
  '## result cache',
  '',
  `Command: \`pnpm exec tsx benchmarks/result-cache.bench.ts --duration ${seconds} --rounds ${rounds} --connections ${connections} --workers ${workers}\``,
  `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}; ${WRK ?? 'autocannon'} and the server on the same machine over loopback; the server runs with ${IMGPROC_NODE_FLAGS.join(' ') || 'no Node flags'}, as \`pnpm start\` does.`,
  `Server: serve() with the filesystem adapter, ${workers} image workers, the result cache's defaults (64 MiB memory LRU). Source: the ${source.label}. ${connections} connections; each row a fresh server process, ${WARM_SECONDS} s warm-up, ${seconds} s measured; rounds alternate the rows.`,
  `Load average (1 min) before / after: ${loadBefore[0]!.toFixed(1)} / ${loadAfter[0]!.toFixed(1)}${loadBefore[0]! > 1.5 || loadAfter[0]! > 3 ? ' (other work shared the cores: figures are indicative)' : ''}.`,
  '',
  '- uncached: `resize,w_<600-799>/quality,Q_<70-90>`, every request a variant not asked before in the run (each a miss: image work, then stored);',
  `- cached: \`resize,w_720/quality,Q_80\` of the public-read photo, anonymous, made once before the load (each a memory hit after the ACL check); its load from ${CLIENT_THREADS} ${WRK ? 'wrk' : 'autocannon'} threads (one autocannon thread was the bound at ~1,000 req/s).`,
  '',
  '| request | round | req/s | p50 ms | p99 ms | requests | cache hits | cache misses | errors + non-2xx | server CPU ms / request | peak RSS MiB | authorisation |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ...rows.map((r) => `| ${r.name} | ${r.round + 1} | ${r.rps.toFixed(1)} | ${r.p50} | ${r.p99} | ${r.requests} | ${r.hits} | ${r.misses} | ${r.errors + r.non2xx} | ${r.cpuMsPerRequest.toFixed(2)} | ${r.peakRssMiB} | ${r.auth} |`),
  '',
  `- cached / uncached (medians): ${cachedRps.toFixed(0)} / ${uncachedRps.toFixed(1)} req/s = **${ratio.toFixed(0)}x** (floor 20x); ${errors} errors or non-2xx.`,
  `- Server CPU per request (all its threads, /proc; medians): cached ${cachedCpu.toFixed(2)} ms, uncached ${uncachedCpu.toFixed(1)} ms: ${(uncachedCpu / cachedCpu).toFixed(0)}x less work a hit. On these 2 shared cores the cached row's req/s is bounded by the load generator too (${WRK ? `${WRK}, ${CLIENT_THREADS} threads` : `autocannon, ${CLIENT_THREADS} threads, ~1 ms of its CPU a reply`}), not by the server alone.`,
  '- Authorisation on hits: on every cached row\'s server, before and after its load, the owner\'s signed GET of the private copy\'s variant was a cache hit, and an anonymous GET of the same variant was 403 AccessDenied without the cache being asked (its hit and miss counters unchanged): the cache is looked up only after the ACL check (packages/server/src/result-cache/cached-processing.ts; tested in cached-processing.test.ts).',
  '',
].join('\n')
await writeFile(join(here, 'results/result-cache.md'), report)
console.log(report)
if (ratio < 20) console.log(`(below the 20x floor: ${ratio.toFixed(1)}x)`)
