/**
 * Storage throughput: put and get of 100 KB and 5 MB objects per adapter, each beside the plain
 * baseline doing the same I/O without the adapter (so the ratio is the adapter's overhead).
 *
 *   pnpm exec tsx benchmarks/storage.bench.ts      # prints and writes benchmarks/results/storage.md
 *   (with S3_ENDPOINT etc. exported, e.g. eval "$(bash ../shared/tools/s3-server)", the S3 rows run too)
 *
 * Method: sequential operations (one at a time, bodies fully consumed), 1 warm-up run, then the
 * median of 5 runs. Baselines: memory - Map.set of a copy; filesystem - writeFile of a temp file +
 * fsync + rename (the adapter's durability) and readFile; S3 - one aws4fetch-signed PUT / GET with
 * the body as bytes (the adapter adds Content-MD5, a HEAD after each PUT and metadata headers).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { open, readFile, rename } from 'node:fs/promises'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createMemoryStorage, createS3Storage } from '@imgproc/storage'
import type { StorageAdapter } from '@imgproc/storage'
import { createFileStorage } from '@imgproc/storage/node-fs'
// the adapter's own signed-fetch client (aws4fetch inside), used bare as the S3 baseline
import { createS3Client } from '../packages/storage/src/s3/client.js'
import type { S3Client } from '../packages/storage/src/s3/client.js'

const SIZES = [
  { label: '100 KB', bytes: 100 * 1024, count: 60 },
  { label: '5 MB', bytes: 5 * 1024 * 1024, count: 6 },
]
const RUNS = 5

interface Contender {
  name: string
  put(key: string, body: Uint8Array): Promise<void>
  get(key: string): Promise<number>
}

function fromAdapter(name: string, adapter: StorageAdapter, bucket: string): Contender {
  return {
    name,
    put: async (key, body) => void (await adapter.put(bucket, key, body, { contentType: 'application/octet-stream' })),
    async get(key) {
      const got = await adapter.get(bucket, key)
      if (!got || got.notModified) throw new Error(`missing ${key}`)
      return (await new Response(got.body).arrayBuffer()).byteLength
    },
  }
}

function memoryBaseline(): Contender {
  const map = new Map<string, Uint8Array>()
  return {
    name: 'Map.set/get of a copy',
    put: async (key, body) => void map.set(key, body.slice()),
    get: async (key) => map.get(key)!.slice().length,
  }
}

function fsBaseline(dir: string): Contender {
  return {
    name: 'writeFile+fsync+rename / readFile',
    async put(key, body) {
      const temp = join(dir, `${key}.tmp`)
      const handle = await open(temp, 'w')
      await handle.writeFile(body)
      await handle.sync()
      await handle.close()
      await rename(temp, join(dir, key))
    },
    get: async (key) => (await readFile(join(dir, key))).length,
  }
}

function s3Baseline(client: S3Client, bucket: string): Contender {
  return {
    name: 'aws4fetch PUT / GET',
    async put(key, body) {
      const response = await client.send({ method: 'PUT', bucket, key: `raw-${key}`, body })
      if (!response.ok) throw new Error(`PUT ${response.status}`)
      await response.arrayBuffer()
    },
    async get(key) {
      const response = await client.send({ method: 'GET', bucket, key: `raw-${key}` })
      if (!response.ok) throw new Error(`GET ${response.status}`)
      return (await response.arrayBuffer()).byteLength
    },
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

/** MB/s (1 MB = 2^20 bytes) for `count` sequential puts, then gets, of one size. */
async function measure(contender: Contender, size: (typeof SIZES)[number]): Promise<{ put: number; get: number }> {
  const body = new Uint8Array(size.bytes)
  for (let i = 0; i < body.length; i += 4096) body[i] = (i * 31) & 0xff
  const puts: number[] = []
  const gets: number[] = []
  for (let run = 0; run <= RUNS; run++) {
    let t0 = performance.now()
    for (let i = 0; i < size.count; i++) await contender.put(`bench-${size.bytes}-${i}`, body)
    const putMs = performance.now() - t0
    t0 = performance.now()
    for (let i = 0; i < size.count; i++) {
      if ((await contender.get(`bench-${size.bytes}-${i}`)) !== size.bytes) throw new Error('short read')
    }
    const getMs = performance.now() - t0
    if (run === 0) continue // warm-up
    puts.push((size.count * size.bytes) / 2 ** 20 / (putMs / 1000))
    gets.push((size.count * size.bytes) / 2 ** 20 / (getMs / 1000))
  }
  return { put: median(puts), get: median(gets) }
}

const rows: string[] = []
async function compare(adapterName: string, adapter: Contender, baseline: Contender): Promise<void> {
  for (const size of SIZES) {
    const a = await measure(adapter, size)
    const b = await measure(baseline, size)
    const fmt = (mbps: number, bytes: number) => `${mbps.toFixed(1)} MB/s (${Math.round((mbps * 2 ** 20) / bytes)}/s)`
    rows.push(`| ${adapterName} | ${size.label} | ${fmt(a.put, size.bytes)} | ${fmt(a.get, size.bytes)} | ${baseline.name}: ${fmt(b.put, size.bytes)} / ${fmt(b.get, size.bytes)} | ${(a.put / b.put).toFixed(2)}× / ${(a.get / b.get).toFixed(2)}× |`)
    console.log(rows[rows.length - 1])
  }
}

const memory = createMemoryStorage()
await memory.createBucket('bench')
await compare('memory', fromAdapter('memory', memory, 'bench'), memoryBaseline())

const dir = mkdtempSync(join(tmpdir(), 'imgproc-bench-'))
try {
  const fsAdapter = createFileStorage({ root: join(dir, 'adapter') })
  await fsAdapter.createBucket('bench')
  await compare('filesystem', fromAdapter('filesystem', fsAdapter, 'bench'), fsBaseline(mkdtempSync(join(dir, 'plain-'))))
} finally {
  rmSync(dir, { recursive: true, force: true })
}

const env = process.env
let s3Note = 'S3 rows skipped: S3_ENDPOINT not set.'
if (env.S3_ENDPOINT && env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY) {
  const credentials = { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY }
  const s3 = createS3Storage({ endpoint: env.S3_ENDPOINT, region: env.S3_REGION ?? 'us-east-1', forcePathStyle: true, ...credentials })
  const bucket = `bench-${Date.now().toString(36)}`
  await s3.createBucket(bucket)
  const raw = createS3Client({ endpoint: env.S3_ENDPOINT, region: env.S3_REGION ?? 'us-east-1', forcePathStyle: true, ...credentials })
  await compare('s3 (Ceph RGW 16.2, loopback)', fromAdapter('s3', s3, bucket), s3Baseline(raw, bucket))
  const page = await s3.list(bucket)
  await Promise.all(page.objects.map((o) => s3.delete(bucket, o.key)))
  await s3.deleteBucket(bucket).catch((error) => console.warn('bench bucket left behind:', error))
  s3Note = `S3 server: ${env.S3_ENDPOINT} (../shared/tools/s3-server: Ceph RGW 16.2 on a RAM-backed OSD, same machine).`
}

const cpu = cpus()[0]?.model ?? 'unknown CPU'
const report = `## storage

Command: \`pnpm exec tsx benchmarks/storage.bench.ts\` (S3 rows with the variables of \`eval "$(bash ../shared/tools/s3-server)"\` exported)
Machine: ${cpus().length} cores (${cpu}), Node ${process.versions.node}. Sequential operations, bodies fully read; 1 warm-up run, median of ${RUNS} runs.
${s3Note}

| adapter | object | put | get | baseline put / get | adapter ÷ baseline (put / get) |
| --- | --- | ---: | ---: | --- | ---: |
${rows.join('\n')}

Baselines do the same I/O without the adapter: memory - \`Map.set\` of a copy; filesystem - \`writeFile\` of a temp
file + fsync + rename (the adapter's durability contract) and \`readFile\`; S3 - one aws4fetch-signed PUT/GET
with the bytes. What the adapters add: MD5 of every body (the ETag), metadata trailer (filesystem), name
validation and bucket checks, a HEAD after each PUT (S3, for the store's Last-Modified). Memory puts
are bound by the pure-JS MD5 (@noble/hashes, ~90 MB/s; WebCrypto has no MD5); the filesystem adapter
uses node:crypto's. Filesystem gets pay for a bucket check, the trailer read and a web stream.
Two cores shared with other processes: runs differ by up to about 30%.
`
writeFileSync(new URL('./results/storage.md', import.meta.url), report)
console.log(report)
