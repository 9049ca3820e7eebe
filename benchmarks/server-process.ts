/**
 * A benchmark's server in a process of its own (every server benchmark): spawned from the
 * repository root, ready once it prints `ready <port>` (optionally followed by one line of
 * detail), and its peak RSS read from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

export interface ServerProcess {
  child: ChildProcess
  port: number
  /** what the server printed after its port on the ready line ('' when nothing) */
  detail: string
}

/**
 * Spawns `command args` and resolves once it prints `ready <port> [detail]`; `name` says who exited
 * too early. `cwd` is the repository root unless given (another checkout, for a baseline).
 */
export function startServerProcess(command: string, args: string[], name = args.join(' '), cwd = root): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /ready (\d+)(?: (.*))?\n/.exec(out)
      if (match) resolve({ child, port: Number(match[1]), detail: match[2] ?? '' })
    })
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before it was ready`)))
  })
}

/**
 * The Node flags imgproc's server runs with when started by `pnpm start` or the `imgproc` binary
 * (see packages/server/README.md, "Garbage collection"): every benchmark starts its imgproc
 * servers with them (through startImgprocServer), so it measures what a user runs.
 */
export const IMGPROC_NODE_FLAGS: readonly string[] = process.env.IMGPROC_BENCH_NODE_FLAGS === undefined ? ['--single-threaded-gc'] : process.env.IMGPROC_BENCH_NODE_FLAGS.split(' ').filter(Boolean)

/**
 * Starts one of imgproc's benchmark servers: `entry` (a TypeScript file, run through tsx) with
 * `args`, under the Node flags `pnpm start` uses (IMGPROC_NODE_FLAGS) and any `nodeFlags` of the
 * benchmark's own (a profiler's), from the repository root unless `cwd` names another checkout.
 */
export function startImgprocServer(entry: string, args: string[], options: { name?: string; nodeFlags?: string[]; cwd?: string } = {}): Promise<ServerProcess> {
  const command = [...IMGPROC_NODE_FLAGS, ...(options.nodeFlags ?? []), '--import', 'tsx', entry, ...args]
  return startServerProcess(process.execPath, command, options.name ?? entry, options.cwd)
}

/** The process's peak resident set (VmHWM, its threads included), in MiB. */
export function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024)
}

/** A cluster's peak RSS: the primary's and each of its node child processes' (their peaks need not coincide: an upper bound). */
export function clusterPeakRssMiB(pid: number): number {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)
  const nodes = children.filter((child) => readFileSync(`/proc/${child}/comm`, 'utf8').trim() === 'node')
  return [pid, ...nodes].reduce((sum, each) => sum + peakRssMiB(each), 0)
}

/** The figures a load-test row reports: autocannon's result, and the server process's peak RSS. */
export interface LoadFigures {
  rps: number
  p50: number
  p99: number
  requests: number
  errors: number
  non2xx: number
  peakRssMiB: number
}

export function loadFigures(result: { requests: { average: number; total: number }; latency: { p50: number; p99: number }; errors: number; timeouts: number; non2xx: number }, pid: number): LoadFigures {
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    peakRssMiB: peakRssMiB(pid),
  }
}

/** Stops a server started by `startServerProcess` (SIGTERM) and waits for it to exit (at once if it already has). */
export async function stopServerProcess(server: Pick<ServerProcess, 'child'>): Promise<void> {
  const { child } = server
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}

/** CPU milliseconds a process has used so far (user + system, all its threads), from /proc (ticks of 10 ms). */
export function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}
