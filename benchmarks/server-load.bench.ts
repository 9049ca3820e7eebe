/**
 * Load test of the HTTP server: the thumbnail request (`resize,w_720`, JPEG out) at 16 and 64
 * concurrent connections, against imgproc's server (worker-thread pool, filesystem adapter) and a
 * minimal sharp server doing the same job, side by side. Each (server, connections) pair gets a
 * fresh server process so its peak RSS (VmHWM, threads included) is its own. imgproc's result cache
 * is off (every request is the same one, so it would answer all but the first; result-cache.bench.ts
 * measures it).
 *
 *   pnpm exec tsx benchmarks/server-load.bench.ts [--duration 30] [--connections 16,64]
 *
 * Writes benchmarks/results/server.md.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { peakRssMiB, startImgprocServer, startServerProcess, type ServerProcess } from './server-process.js'
import { sourceImage } from './source-image.js'

const { values } = parseArgs({ options: { duration: { type: 'string', default: '30' }, connections: { type: 'string', default: '16,64' } } })
const duration = Number(values.duration)
const connectionList = values.connections!.split(',').map(Number)
const here = fileURLToPath(new URL('.', import.meta.url))

interface Row {
  server: string
  connections: number
  rps: number
  p50: number
  p99: number
  requests: number
  errors: number
  non2xx: number
  peakRssMiB: number
}

async function load(url: string, connections: number, seconds: number) {
  return autocannon({ url, connections, duration: seconds, timeout: 60 })
}

async function measure(
  name: string,
  launch: () => Promise<ServerProcess>,
  path: string,
  connections: number,
  contentType = 'image/jpeg',
  seconds = duration,
): Promise<Row> {
  const { child, port } = await launch()
  try {
    const url = `http://127.0.0.1:${port}${path}`
    const probe = await fetch(url)
    const probeBody = new Uint8Array(await probe.arrayBuffer())
    if (!probe.ok || probe.headers.get('content-type') !== contentType) {
      throw new Error(`${name} does not answer the thumbnail (${probe.status}): ${new TextDecoder().decode(probeBody.slice(0, 300))}`)
    }
    await load(url, connections, 3) // warm-up: WASM compile, JIT, worker start
    const result = await load(url, connections, seconds)
    const row: Row = {
      server: name,
      connections,
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      requests: result.requests.total,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
      peakRssMiB: peakRssMiB(child.pid!),
    }
    console.log(JSON.stringify(row))
    return row
  } finally {
    child.kill('SIGTERM')
  }
}

const loadBefore = loadavg()
const dir = await mkdtemp(join(tmpdir(), 'imgproc-server-bench-'))
const source = await sourceImage(dir)
const rows: Row[] = []
try {
  for (const connections of connectionList) {
    rows.push(
      await measure(
        'imgproc server (worker pool)',
        () => startImgprocServer(join(here, 'server-load/imgproc-server.ts'), [source.path, join(dir, `data-${connections}`), '0', '--no-result-cache']),
        '/bench/photo.jpg?x-oss-process=image/resize,w_720',
        connections,
      ),
    )
    rows.push(await measure('node:http + sharp', () => startServerProcess(process.execPath, [join(here, 'server-load/sharp-server.mjs'), source.path, '0']), '/', connections))
  }
  // the HTTP layer alone: the same server answering the unprocessed source (no image work)
  const most = Math.max(...connectionList)
  rows.push(
    await measure(
      'imgproc server, plain GET (no processing)',
      () => startImgprocServer(join(here, 'server-load/imgproc-server.ts'), [source.path, join(dir, 'data-plain'), '0']),
      '/bench/photo.jpg',
      most,
      'image/jpeg',
      Math.min(duration, 10),
    ),
  )
} finally {
  await rm(dir, { recursive: true, force: true })
}

const table = [
  '| server | connections | req/s | p50 ms | p99 ms | requests | errors | non-2xx | peak RSS MiB |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map((r) => `| ${r.server} | ${r.connections} | ${r.rps.toFixed(1)} | ${r.p50} | ${r.p99} | ${r.requests} | ${r.errors} | ${r.non2xx} | ${r.peakRssMiB} |`),
]
const loadAfter = loadavg()
const ratios = connectionList.map((c) => {
  const ours = rows.find((r) => r.connections === c && r.server === 'imgproc server (worker pool)')!
  const peer = rows.find((r) => r.connections === c && r.server.includes('sharp'))!
  return `- ${c} connections: imgproc serves ${(ours.rps / peer.rps).toFixed(2)}x sharp's requests per second; p99 ${(ours.p99 / peer.p99).toFixed(2)}x.`
})
const plain = rows.find((r) => r.server.includes('plain GET'))!
const processedAtMost = rows.find((r) => r.server === 'imgproc server (worker pool)' && r.connections === plain.connections)!
ratios.push(
  `- Plain GET of the source itself (no image work) from the same server at ${plain.connections} connections: ${plain.rps.toFixed(0)} req/s, ${(plain.rps / processedAtMost.rps).toFixed(1)}x its thumbnail rate (the load generator shares the cores and reads every body; server-get.bench.ts measures plain GETs against a bare server).`,
)
const floor = rows.filter((r) => r.server.startsWith('imgproc')).every((r) => r.errors === 0 && r.non2xx === 0 && r.peakRssMiB < 1024)
const report = [
  '## server',
  '',
  `Command: \`pnpm exec tsx benchmarks/server-load.bench.ts --duration ${duration} --connections ${connectionList.join(',')}\``,
  `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}; autocannon and both servers on the same machine over loopback.`,
  `Request: GET of \`resize,w_720\` (JPEG out) of the ${source.label}; imgproc's result cache off (every request does its image work); each row a fresh server process, 3 s warm-up, then ${duration} s measured (the plain-GET row ${Math.min(duration, 10)} s).`,
  `Load average (1 min) before / after: ${loadBefore[0]!.toFixed(1)} / ${loadAfter[0]!.toFixed(1)} (other work shared the 2 cores while this ran).`,
  '',
  ...table,
  '',
  ...ratios,
  `- Floor (no error, no crash at 64 connections, peak RSS under 1 GiB): ${floor ? 'met' : 'NOT met'}.`,
  '',
].join('\n')
await writeFile(join(here, 'results/server.md'), report)
console.log(report)
