// imgproc's server for the result-cache benchmark (result-cache.bench.ts): serve() with the
// filesystem adapter, the worker pool and the result cache (64 MiB memory LRU, the default), a
// public-read bucket holding the photo, a private copy of it in the same bucket, one signing key,
// and metrics (GET /-/metrics).
// Usage: tsx imgproc-server.ts <source.jpg> <dataDir> <port> <accessKeyId> <secret> [--workers <n>]
import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { createAuthenticator, createMemoryCredentialStore, createServerMetrics } from '@imgproc/server'
import { serve } from '@imgproc/server/node'
import { createFileStorage } from '@imgproc/storage/node-fs'

const { values, positionals } = parseArgs({ allowPositionals: true, options: { workers: { type: 'string', default: '2' } } })
const [file, dataDir, port, accessKeyId, secret] = positionals
const storage = createFileStorage({ root: dataDir! })
const photo = new Uint8Array(await readFile(file!))
await storage.createBucket('bench', { acl: 'public-read' })
await storage.put('bench', 'photo.jpg', photo, { contentType: 'image/jpeg' })
await storage.put('bench', 'private.jpg', photo, { contentType: 'image/jpeg', acl: 'private' })
const auth = createAuthenticator({ credentials: createMemoryCredentialStore({ [accessKeyId!]: secret! }) })
const server = await serve({
  storage,
  auth,
  port: Number(port),
  hostname: '127.0.0.1',
  workers: Number(values.workers),
  onError: () => {},
  // GET /-/metrics: the bench reads the cache's hit and miss counters
  metrics: createServerMetrics(),
  // a throughput run measures work, not shedding (as worker-scaling.bench.ts)
  limits: { targetWaitMs: 120_000 },
})
// a clean exit on SIGTERM, so a --cpu-prof run can write its profile
process.once('SIGTERM', () => {
  server.close().finally(() => process.exit(0))
  setTimeout(() => process.exit(0), 3000).unref()
})
console.log(`ready ${server.port}`)
