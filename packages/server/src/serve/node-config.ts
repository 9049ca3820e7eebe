/**
 * The server's configuration from environment variables (all optional), for `pnpm start` and
 * `imgproc serve`:
 *
 * | variable | default | meaning |
 * | --- | --- | --- |
 * | `PORT` / `IMGPROC_PORT` | 8080 | listening port |
 * | `IMGPROC_HOST` | all interfaces | listening address |
 * | `IMGPROC_DATA_DIR` | `./data` | filesystem adapter root |
 * | `IMGPROC_STORAGE` | `fs` | `fs`, or `s3` with `S3_ENDPOINT`, `S3_REGION`, `S3_FORCE_PATH_STYLE`, `S3_ACCESS_KEY_ID`, `S3_SECRET_ACCESS_KEY` |
 * | `IMGPROC_CREDENTIALS_FILE` | `./.imgproc/credentials.json` | credentials file (a development key is generated when missing) |
 * | `IMGPROC_ACCESS_KEY_ID` + `IMGPROC_ACCESS_KEY_SECRET` | | one more credential, checked before the file |
 * | `IMGPROC_TLS_CERT` + `IMGPROC_TLS_KEY` | | PEM file paths: serve HTTPS |
 * | `IMGPROC_DOMAINS` | `localhost` | comma-separated hosts whose sub-domains are buckets |
 * | `IMGPROC_WORKERS` | cores | image worker threads |
 * | `IMGPROC_PROCESSES` | 1 | HTTP processes (node:cluster) sharing the port, the workers and the memory budget (node-cluster.ts) |
 * | `IMGPROC_RATE_LIMIT` / `IMGPROC_RATE_BURST` | off | requests per second per credential (or client address) |
 * | `IMGPROC_MAX_BODY_BYTES`, `IMGPROC_MAX_HEADER_BYTES`, `IMGPROC_MAX_HEADER_COUNT`, `IMGPROC_MAX_SOURCE_BYTES`, `IMGPROC_DEADLINE_MS`, `IMGPROC_MAX_QUEUED`, `IMGPROC_MAX_STYLES` | see limits.ts | protective limits |
 * | `IMGPROC_DEMO` | `1` (`0` in production) | `0` skips creating the demo bucket |
 * | `IMGPROC_MODE` (or `NODE_ENV`) | | `production`: no demo bucket and no playground unless asked for |
 * | `IMGPROC_PLAYGROUND` | `1` (`0` in production) | `0` removes `/-/playground` (page and processing endpoint) |
 * | `IMGPROC_SHUTDOWN_MS` | 10000 | SIGTERM/SIGINT: how long running requests may finish before they are aborted |
 * | `IMGPROC_TARGET_WAIT_MS` | 5000 | queued image jobs past this expected wait get 503 SlowDown + Retry-After |
 * | `IMGPROC_MEMORY_BUDGET_MB` | a quarter of the machine | memory all running image jobs may reserve together |
 * | `IMGPROC_FONT_DIR` | | folder of fonts named by OSS font name (`wqy-zenhei.ttc`, ...), used before the bundled fonts (node-fonts.ts) |
 * | `IMGPROC_WORKER_RECYCLE_MB` | 512 | a worker holding more WebAssembly memory than this after a job is replaced |
 * | `IMGPROC_RESULT_CACHE_MB` | 64 | memory for processed results (result-cache/); 0: none |
 * | `IMGPROC_RESULT_CACHE_SHARED` | 0 | 1: also keep results in the storage, shared by replicas on the same store |
 * | `IMGPROC_RESULT_CACHE_SHARED_MB` | 256 | results kept in the storage per bucket (oldest deleted first) |
 * | `IMGPROC_RESULT_CACHE_NAMESPACE` | `default` | part of every cache key: differ it between replicas with different engine settings |
 * | `IMGPROC_BUCKET_CACHE_MS` | 1000 | how long a bucket's settings (existence, ACL) are reused; a change made through another replica or process is seen within this (bucket-cache.ts); 0: read for every request |
 */
import type { ServerLimits } from '../limits.js'
import type { ResultCacheOptions } from '../result-cache/result-cache.js'

export interface NodeConfig {
  port: number
  hostname?: string
  dataDir: string
  storage: 'fs' | 's3'
  credentialsFile: string
  tls?: { certFile: string; keyFile: string }
  domains?: string[]
  workers?: number
  /** HTTP processes (`IMGPROC_PROCESSES`); more than 1 runs node-cluster.ts */
  processes?: number
  rateLimit?: { requestsPerSecond: number; burst?: number }
  limits: Partial<ServerLimits>
  demo: boolean
  /** `IMGPROC_MODE=production` or `NODE_ENV=production`: safe defaults for a public deployment */
  production: boolean
  /** serve `/-/playground` */
  playground: boolean
  /** bound on a graceful stop */
  shutdownGraceMs: number
  /** replace a worker holding more off-heap memory than this after a job */
  workerRecycleBytes?: number
  /** fonts by OSS name, tried before the bundled ones (`IMGPROC_FONT_DIR`) */
  fontDir?: string
  /** the processed-image cache (`IMGPROC_RESULT_CACHE_*`); false: off */
  resultCache: ResultCacheOptions | false
  /** `IMGPROC_BUCKET_CACHE_MS`; unset: serve()'s default (1 s) */
  bucketCacheMs?: number
}

type Env = Readonly<Record<string, string | undefined>>

function positive(env: Env, name: string): number | undefined {
  const raw = env[name]
  if (raw === undefined || raw === '') return undefined
  const value = Number(raw)
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${JSON.stringify(raw)}`)
  return value
}

/** `0`/`false`/`no`/`off` and `1`/`true`/`yes`/`on`; unset or empty: the default. */
function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase()
  if (raw === undefined || raw === '') return fallback
  if (['0', 'false', 'no', 'off'].includes(raw)) return false
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true
  throw new Error(`${name} must be 0 or 1, got ${JSON.stringify(env[name])}`)
}

/** `IMGPROC_BUCKET_CACHE_MS`: 0 or more milliseconds, or unset. */
function bucketCacheFrom(env: Env): { bucketCacheMs?: number } {
  const raw = env.IMGPROC_BUCKET_CACHE_MS
  if (raw === undefined || raw === '') return {}
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 0) throw new Error(`IMGPROC_BUCKET_CACHE_MS must be 0 or a whole number of ms, got ${JSON.stringify(raw)}`)
  return { bucketCacheMs: value }
}

/** The result cache's settings; `IMGPROC_RESULT_CACHE_MB=0` without a shared tier turns it off. */
function resultCacheFrom(env: Env): ResultCacheOptions | false {
  const raw = env.IMGPROC_RESULT_CACHE_MB
  const megabytes = raw === undefined || raw === '' ? undefined : Number(raw)
  if (megabytes !== undefined && !(Number.isFinite(megabytes) && megabytes >= 0)) {
    throw new Error(`IMGPROC_RESULT_CACHE_MB must be 0 or a positive number, got ${JSON.stringify(raw)}`)
  }
  const sharedMb = positive(env, 'IMGPROC_RESULT_CACHE_SHARED_MB')
  const shared = flag(env, 'IMGPROC_RESULT_CACHE_SHARED', false)
  if (megabytes === 0 && !shared) return false
  return {
    ...(megabytes === undefined ? {} : { maxBytes: Math.floor(megabytes * 1024 * 1024) }),
    ...(shared ? { shared: sharedMb ? { maxBytesPerBucket: Math.floor(sharedMb * 1024 * 1024) } : true } : {}),
    ...(env.IMGPROC_RESULT_CACHE_NAMESPACE ? { namespace: env.IMGPROC_RESULT_CACHE_NAMESPACE } : {}),
  }
}

function portFrom(env: Env): number {
  for (const name of ['IMGPROC_PORT', 'PORT']) {
    const raw = env[name]
    if (raw === undefined || raw === '') continue
    const port = Number(raw)
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name} must be a port number 0-65535 (0: any free port), got ${JSON.stringify(raw)}`)
    return port
  }
  return 8080
}

export function configFromEnv(env: Env): NodeConfig {
  const port = portFrom(env)
  const storage = env.IMGPROC_STORAGE ?? 'fs'
  if (storage !== 'fs' && storage !== 's3') throw new Error(`IMGPROC_STORAGE must be fs or s3, got ${JSON.stringify(storage)}`)
  const certFile = env.IMGPROC_TLS_CERT
  const keyFile = env.IMGPROC_TLS_KEY
  if (Boolean(certFile) !== Boolean(keyFile)) throw new Error('set both IMGPROC_TLS_CERT and IMGPROC_TLS_KEY, or neither')
  const rate = positive(env, 'IMGPROC_RATE_LIMIT')
  const burst = positive(env, 'IMGPROC_RATE_BURST')
  const limitVars: Array<[keyof ServerLimits, string]> = [
    ['maxBodyBytes', 'IMGPROC_MAX_BODY_BYTES'],
    ['maxHeaderBytes', 'IMGPROC_MAX_HEADER_BYTES'],
    ['maxHeaderCount', 'IMGPROC_MAX_HEADER_COUNT'],
    ['maxSourceBytes', 'IMGPROC_MAX_SOURCE_BYTES'],
    ['deadlineMs', 'IMGPROC_DEADLINE_MS'],
    ['maxQueued', 'IMGPROC_MAX_QUEUED'],
    ['maxStyles', 'IMGPROC_MAX_STYLES'],
    ['targetWaitMs', 'IMGPROC_TARGET_WAIT_MS'],
  ]
  const limits: Partial<ServerLimits> = {}
  for (const [key, name] of limitVars) {
    const value = positive(env, name)
    if (value !== undefined) limits[key] = value
  }
  const budgetMb = positive(env, 'IMGPROC_MEMORY_BUDGET_MB')
  if (budgetMb !== undefined) limits.memoryBudgetBytes = Math.floor(budgetMb * 1024 * 1024)
  const workers = positive(env, 'IMGPROC_WORKERS')
  const processes = positive(env, 'IMGPROC_PROCESSES')
  const recycleMb = positive(env, 'IMGPROC_WORKER_RECYCLE_MB')
  const production = env.IMGPROC_MODE === 'production' || env.NODE_ENV === 'production'
  return {
    port,
    ...(env.IMGPROC_HOST ? { hostname: env.IMGPROC_HOST } : {}),
    dataDir: env.IMGPROC_DATA_DIR || './data',
    storage,
    credentialsFile: env.IMGPROC_CREDENTIALS_FILE || './.imgproc/credentials.json',
    ...(certFile && keyFile ? { tls: { certFile, keyFile } } : {}),
    ...(env.IMGPROC_DOMAINS ? { domains: env.IMGPROC_DOMAINS.split(',').map((d) => d.trim().toLowerCase()).filter(Boolean) } : {}),
    ...(workers ? { workers: Math.floor(workers) } : {}),
    ...(processes ? { processes: Math.max(1, Math.floor(processes)) } : {}),
    ...(rate ? { rateLimit: { requestsPerSecond: rate, ...(burst ? { burst } : {}) } } : {}),
    limits,
    demo: flag(env, 'IMGPROC_DEMO', !production),
    production,
    playground: flag(env, 'IMGPROC_PLAYGROUND', !production),
    shutdownGraceMs: positive(env, 'IMGPROC_SHUTDOWN_MS') ?? 10_000,
    ...(recycleMb ? { workerRecycleBytes: Math.floor(recycleMb * 1024 * 1024) } : {}),
    ...(env.IMGPROC_FONT_DIR ? { fontDir: env.IMGPROC_FONT_DIR } : {}),
    resultCache: resultCacheFrom(env),
    ...bucketCacheFrom(env),
  }
}
