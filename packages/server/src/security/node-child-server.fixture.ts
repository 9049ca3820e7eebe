/**
 * The server as a child process (`node --single-threaded-gc --import tsx node-main.ts`, what `pnpm start` runs), so a
 * test can measure its memory (RSS from /proc, worker threads included) and send it signals.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createFileStorage } from '@imgproc/storage/node-fs'

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url))
const MAIN = fileURLToPath(new URL('../serve/node-main.ts', import.meta.url))

export interface ChildServer {
  child: ChildProcess
  url: string
  /** everything the server printed */
  output(): string
  /** resident memory now, in bytes (Linux /proc) */
  rss(): number
  /** resolves with the exit code (or signal name) once the process has ended */
  exited: Promise<number | string>
  stop(): Promise<void>
}

export function canMeasureRss(): boolean {
  try {
    readFileSync('/proc/self/status')
    return true
  } catch {
    return false
  }
}

export async function startChildServer(env: Record<string, string>): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--single-threaded-gc', '--import', 'tsx', MAIN], {
    cwd: ROOT,
    env: { ...process.env, IMGPROC_PORT: '0', IMGPROC_HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let text = ''
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()))
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in 60 s:\n${text}`)), 60_000)
    const look = () => {
      const port = /listening on https?:\/\/localhost:(\d+)/.exec(text)?.[1]
      if (!port) return
      clearTimeout(timer)
      child.stdout!.off('data', look)
      resolve(`http://127.0.0.1:${port}`)
    }
    child.stdout!.on('data', look)
    void exited.then((code) => reject(new Error(`the server exited (${code}) before listening:\n${text}`)))
  })
  return {
    child,
    url,
    output: () => text,
    rss() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024
    },
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    },
  }
}

/**
 * A server process (no demo bucket) over a fresh data folder holding one public-read bucket with
 * `objects` (key -> JPEG/PNG/GIF bytes and type); `stop()` also removes the folder.
 */
export async function startChildServerWith(
  bucket: string,
  objects: Record<string, { bytes: Uint8Array; contentType: string }>,
  env: Record<string, string>,
): Promise<ChildServer> {
  const dir = await mkdtemp(join(tmpdir(), 'imgproc-child-'))
  const storage = createFileStorage({ root: join(dir, 'data') })
  await storage.createBucket(bucket, { acl: 'public-read' })
  for (const [key, { bytes, contentType }] of Object.entries(objects)) await storage.put(bucket, key, bytes, { contentType })
  await storage.close()
  const server = await startChildServer({ IMGPROC_DATA_DIR: join(dir, 'data'), IMGPROC_CREDENTIALS_FILE: join(dir, 'credentials.json'), IMGPROC_DEMO: '0', ...env })
  const stop = server.stop
  return Object.assign(server, {
    async stop() {
      await stop()
      await rm(dir, { recursive: true, force: true })
    },
  })
}
