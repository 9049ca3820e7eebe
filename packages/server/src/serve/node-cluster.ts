/**
 * `--processes N` (`IMGPROC_PROCESSES`): N HTTP server processes on one port (node:cluster), for
 * when the event loop is the bound (many small GETs, many cores), not the image work.
 *
 * - The primary only supervises: it makes the credentials file once (so N processes do not race
 *   to generate N different keys), then forks N processes (`node-cluster-child.ts`), each running
 *   `main()` with its share of the image workers and of the memory budget: the budget stays a
 *   machine-wide bound (budget / N each), the workers add up to `IMGPROC_WORKERS` (the cores by
 *   default), at least one each. Only the first process creates the demo bucket and prints the
 *   banner. Connections are spread by the primary (node:cluster's round-robin).
 * - A process that dies is restarted (after 1 s, doubling to 30 s while it keeps dying before it
 *   listens). A process that dies before the cluster ever listened (a port in use, a bad setting)
 *   fails the start instead.
 * - `shutdown()` (SIGTERM/SIGINT with `stopClusterOnSignals`): each process is asked over IPC to
 *   stop gracefully (node-shutdown.ts, within `IMGPROC_SHUTDOWN_MS`); one still alive at the end
 *   of the grace (plus a second) is killed. The processes ignore SIGINT themselves, so a Ctrl-C,
 *   which reaches every process of the terminal, still ends in one graceful stop.
 */
import cluster, { type Worker } from 'node:cluster'
import { createRequire } from 'node:module'
import { availableParallelism, totalmem } from 'node:os'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describeGeneratedCredential, loadCredentialsFile } from '../auth/node-credentials-file.js'
import { configFromEnv, type NodeConfig } from './node-config.js'

type Env = Readonly<Record<string, string | undefined>>

export interface ClusterOptions {
  /** the configuration every process reads (`IMGPROC_*`), added to this process's environment; default `process.env` */
  env?: Env
  /** how many HTTP processes; default `IMGPROC_PROCESSES` */
  processes?: number
  /** where the primary's own lines go (default console.log) */
  log?: (line: string) => void
}

export interface RunningCluster {
  /** the port every process listens on */
  port: number
  /** process ids of the HTTP processes now running */
  pids(): number[]
  /**
   * graceful stop of every process (each within the `IMGPROC_SHUTDOWN_MS` it was started with);
   * one still running 1 s past `graceMs` (default that same value) is killed. Resolves once all have exited
   */
  shutdown(graceMs?: number): Promise<void>
}

/** The message a process takes as "stop gracefully" (node-cluster-child.ts). */
export const SHUTDOWN_MESSAGE = { imgproc: 'shutdown' } as const

const FIRST_RESTART_DELAY_MS = 1000
const LAST_RESTART_DELAY_MS = 30_000
const MIB = 1024 * 1024

/** Process `index`'s share of `total` (the first ones take the remainder), at least one. */
export function shareOf(total: number, processes: number, index: number): number {
  return Math.max(1, Math.floor(total / processes) + (index < total % processes ? 1 : 0))
}

/**
 * The environment of process `index`: its workers and budget share. The demo bucket is the first
 * one's job, and the banner its first start's (`banner`; a restarted process starts quietly).
 */
export function childEnv(env: Env, config: NodeConfig, processes: number, index: number, banner = index === 0): Record<string, string> {
  const workers = config.workers ?? availableParallelism()
  const budget = config.limits.memoryBudgetBytes ?? Math.floor(totalmem() / 4)
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) if (value !== undefined) out[name] = value
  out.IMGPROC_WORKERS = String(shareOf(workers, processes, index))
  out.IMGPROC_MEMORY_BUDGET_MB = String(Math.floor(budget / processes) / MIB)
  out.IMGPROC_CLUSTER_INDEX = String(index)
  out.IMGPROC_CLUSTER_BANNER = banner ? '1' : '0'
  if (index > 0) out.IMGPROC_DEMO = '0'
  return out
}

/** The V8 flag the cluster's processes run with (packages/server/README.md, "Garbage collection"). */
export const SINGLE_THREADED_GC = '--single-threaded-gc'

/** The child entry beside this module (src: .ts run through tsx, which the children must load too; dist: .js). */
export function childEntry(): { exec: string; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith('.ts')
  const exec = fileURLToPath(new URL(fromSource ? './node-cluster-child.ts' : './node-cluster-child.js', import.meta.url))
  const execArgv = [...process.execArgv]
  // what `pnpm start` runs with (README, "Garbage collection"): every core already has an image
  // worker, so V8's background GC threads would only take time from them
  if (!execArgv.includes(SINGLE_THREADED_GC)) execArgv.unshift(SINGLE_THREADED_GC)
  if (fromSource && !execArgv.some((arg) => arg.includes('tsx'))) {
    const tsx = createRequire(import.meta.url).resolve('tsx/package.json').replace(/package\.json$/, 'dist/loader.mjs')
    execArgv.push('--import', pathToFileURL(tsx).href)
  }
  return { exec, execArgv }
}

export async function startCluster(options: ClusterOptions = {}): Promise<RunningCluster> {
  if (!cluster.isPrimary) throw new Error('startCluster() runs in the primary process only')
  const env = options.env ?? process.env
  const log = options.log ?? ((line: string) => console.log(line))
  const config = configFromEnv(env)
  const processes = Math.max(1, Math.floor(options.processes ?? config.processes ?? 1))
  const file = await loadCredentialsFile(config.credentialsFile)
  if (file.generated) log(describeGeneratedCredential(file.generated, config.credentialsFile))
  cluster.setupPrimary(childEntry())

  const running = new Map<number, Worker>() // by index
  let stopping = false
  let port = 0
  const restarts = new Set<ReturnType<typeof setTimeout>>()
  // until every process has listened once: who has, and how the start ends
  let starting: { listened: Set<number>; resolve: () => void; reject: (error: Error) => void } | undefined
  const listening = new Promise<void>((resolve, reject) => {
    starting = { listened: new Set(), resolve, reject }
  })

  function fork(index: number, failures = 0, restarted = false): void {
    const worker = cluster.fork(childEnv(env, config, processes, index, index === 0 && !restarted))
    running.set(index, worker)
    let listened = false
    worker.on('listening', (address) => {
      listened = true
      port = address.port
      starting?.listened.add(index)
      if (starting?.listened.size === processes) {
        starting.resolve()
        starting = undefined
      }
    })
    worker.on('exit', (code, signal) => {
      if (running.get(index) === worker) running.delete(index)
      if (stopping) return
      if (starting) {
        stopping = true
        for (const other of running.values()) other.process.kill('SIGKILL')
        return starting.reject(new Error(`an HTTP process could not start (exit ${signal ?? code}); see its message above`))
      }
      const again = listened ? 0 : failures + 1
      const delay = Math.min(LAST_RESTART_DELAY_MS, FIRST_RESTART_DELAY_MS * 2 ** Math.max(0, again - 1))
      log(`imgproc: HTTP process ${index + 1} (pid ${worker.process.pid}) exited (${signal ?? code}); restarting in ${delay / 1000} s`)
      const timer = setTimeout(() => {
        restarts.delete(timer)
        if (!stopping) fork(index, again, true)
      }, delay)
      restarts.add(timer)
    })
  }

  for (let index = 0; index < processes; index++) fork(index)
  await listening
  log(`imgproc: ${processes} HTTP processes on port ${port} (pids ${[...running.values()].map((w) => w.process.pid).join(', ')})`)

  let stopped: Promise<void> | undefined
  return {
    port,
    pids: () => [...running.values()].map((worker) => worker.process.pid!).filter(Boolean),
    shutdown(graceMs = config.shutdownGraceMs) {
      stopped ??= (async () => {
        stopping = true
        for (const timer of restarts) clearTimeout(timer)
        const exits = [...running.values()].map((worker) => new Promise<void>((resolve) => {
          if (worker.isDead()) return resolve()
          worker.once('exit', () => resolve())
          if (worker.isConnected()) worker.send(SHUTDOWN_MESSAGE)
          else worker.process.kill('SIGTERM')
        }))
        const killer = setTimeout(() => {
          for (const worker of running.values()) worker.process.kill('SIGKILL')
        }, graceMs + 1000)
        await Promise.all(exits)
        clearTimeout(killer)
      })()
      return stopped
    },
  }
}

/**
 * SIGTERM / SIGINT in the primary: the graceful stop of every process; a second signal kills
 * them at once. `exit` ends the primary (0 after a clean stop).
 */
export function stopClusterOnSignals(running: RunningCluster, exit: (code: number) => void = (code) => process.exit(code)): void {
  let stopping = false
  const stop = () => {
    if (stopping) {
      for (const pid of running.pids()) process.kill(pid, 'SIGKILL')
      return exit(1)
    }
    stopping = true
    void running.shutdown().then(() => exit(0), () => exit(1))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
