/**
 * The server under load, in a child process of its own (a fresh one per point): the entry file
 * run again with `--child` calls `runServerChild`; `startServerChild` spawns it that way.
 */
import type { ChildProcess } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { startImgprocServer } from '../server-process.js'
import { WORKERS } from './setup.js'

/** the entry file: with `--child --source <jpeg> --data <dir>` it runs `runServerChild` */
const entry = fileURLToPath(new URL('../load-shedding.bench.ts', import.meta.url))

/** The child's side: serve() with the filesystem adapter in `data`, a public-read bucket holding `source`; prints `ready <port> <limits JSON>`. */
export async function runServerChild(source: string, data: string): Promise<void> {
  const { serve, configFromEnv } = await import('@imgproc/server/node')
  const { createFileStorage } = await import('@imgproc/storage/node-fs')
  const storage = createFileStorage({ root: data })
  await storage.createBucket('bench', { acl: 'public-read' })
  await storage.put('bench', 'photo.jpg', new Uint8Array(await readFile(source)), { contentType: 'image/jpeg' })
  // the queue limits as `pnpm start` reads them (IMGPROC_TARGET_WAIT_MS, IMGPROC_MAX_QUEUED), else the defaults
  const { limits } = configFromEnv(process.env)
  // the result cache off: requests repeat variants over a run, and a cached answer costs no image
  // work, so hits would hide the overload this measures (result-cache.bench.ts measures the cache)
  const server = await serve({ storage, port: 0, hostname: '127.0.0.1', workers: WORKERS, limits, resultCache: false, onError: () => {} })
  // a clean exit on SIGTERM, so --cpu-prof can write its profile
  process.once('SIGTERM', () => {
    server.close().finally(() => process.exit(0))
    setTimeout(() => process.exit(0), 3000).unref()
  })
  console.log(`ready ${server.port} ${JSON.stringify(server.handler.limits)}`)
}

/** The parent's side: spawns the child (with `nodeFlags`, e.g. --cpu-prof) and waits until it is ready; `limits` is its queue limits as JSON. */
export async function startServerChild(source: string, data: string, nodeFlags: string[] = []): Promise<{ child: ChildProcess; port: number; limits: string }> {
  const { child, port, detail } = await startImgprocServer(entry, ['--child', '--source', source, '--data', data], { name: 'server child', nodeFlags })
  return { child, port, limits: detail }
}
