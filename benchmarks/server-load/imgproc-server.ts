// imgproc's own server for the load benchmarks: serve() with the filesystem adapter and the
// worker pool, the source object public-read so requests need no signing.
// Usage: tsx imgproc-server.ts <source.jpg> <dataDir> <port> [--workers <n>] [--no-result-cache] [--target-wait-ms <ms>] [--processes <n>]
// (--no-result-cache: every request does its image work, as with variants no cache could help;
// --target-wait-ms: the queue's shedding point, raised by throughput benchmarks that measure work, not shedding;
// --processes: that many HTTP processes (node:cluster, `imgproc serve --processes`), sharing --workers)
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { serve, startCluster } from '@imgproc/server/node'
import { createFileStorage } from '@imgproc/storage/node-fs'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { workers: { type: 'string' }, 'no-result-cache': { type: 'boolean', default: false }, 'target-wait-ms': { type: 'string' }, processes: { type: 'string' } },
})
const [file, dataDir, port] = positionals
const storage = createFileStorage({ root: dataDir! })
await storage.createBucket('bench', { acl: 'public-read' })
await storage.put('bench', 'photo.jpg', new Uint8Array(await readFile(file!)), { contentType: 'image/jpeg' })

if (values.processes) {
  await storage.close?.()
  // the same settings as environment variables, which is how the cluster's processes are configured
  const env: Record<string, string | undefined> = {
    ...process.env,
    IMGPROC_DATA_DIR: dataDir,
    IMGPROC_PORT: port,
    IMGPROC_HOST: '127.0.0.1',
    IMGPROC_CREDENTIALS_FILE: join(dataDir!, '..', `${port}-credentials.json`),
    IMGPROC_DEMO: '0',
    IMGPROC_PLAYGROUND: '0',
    IMGPROC_PROCESSES: values.processes,
    ...(values.workers ? { IMGPROC_WORKERS: values.workers } : {}),
    ...(values['no-result-cache'] ? { IMGPROC_RESULT_CACHE_MB: '0' } : {}),
    ...(values['target-wait-ms'] ? { IMGPROC_TARGET_WAIT_MS: values['target-wait-ms'] } : {}),
  }
  const running = await startCluster({ env, log: () => {} })
  process.once('SIGTERM', () => void running.shutdown(3000).finally(() => process.exit(0)))
  console.log(`ready ${running.port}`)
} else {
  const server = await serve({
    storage,
    port: Number(port),
    hostname: '127.0.0.1',
    onError: () => {},
    ...(values.workers ? { workers: Number(values.workers) } : {}),
    ...(values['no-result-cache'] ? { resultCache: false as const } : {}),
    ...(values['target-wait-ms'] ? { limits: { targetWaitMs: Number(values['target-wait-ms']) } } : {}),
  })
  // a clean exit on SIGTERM, so a --cpu-prof run can write its profile
  process.once('SIGTERM', () => {
    server.close().finally(() => process.exit(0))
    setTimeout(() => process.exit(0), 3000).unref()
  })
  console.log(`ready ${server.port}`)
}
