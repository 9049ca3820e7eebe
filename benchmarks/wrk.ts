/**
 * wrk (Debian's `wrk` package) as a load generator for the server benchmarks. It runs on the same
 * cores as the servers, so its CPU is taken from them: wrk (C) costs ~0.2 ms a thumbnail request
 * here, autocannon (Node) ~1.5 ms, as much as the server's own main thread. Benchmarks use it when
 * it is installed (`wrkVersion()`), with a Lua script when each request needs its own path.
 */
import { execFile, execFileSync } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** `wrk <version>` when wrk is on the PATH, else undefined. */
export function wrkVersion(): string | undefined {
  try {
    return /wrk \S+/.exec(execFileSync('wrk', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }))?.[0]
  } catch (error) {
    // wrk prints its version and exits 1; a missing wrk has no stdout
    return /wrk \S+/.exec(String((error as { stdout?: string }).stdout ?? ''))?.[0]
  }
}

export interface WrkLoad {
  url: string
  connections: number
  seconds: number
  /** wrk threads (default 1) */
  threads?: number
  /** a Lua script file (its `init(args)` gets `scriptArgs`) */
  script?: string
  scriptArgs?: string[]
}

export interface WrkResult {
  /** responses in the run */
  requests: number
  /** 2xx responses */
  ok: number
  non2xx: number
  /** socket errors and timeouts */
  errors: number
  p50: number
  p99: number
  /** the CPU wrk used, ms (user + system) */
  clientCpuMs: number
}

export async function runWrk(load: WrkLoad): Promise<WrkResult> {
  const args = [`-t${load.threads ?? 1}`, `-c${load.connections}`, `-d${load.seconds}s`, '--timeout', '60s', '--latency']
  if (load.script) args.push('-s', load.script)
  args.push(load.url)
  if (load.scriptArgs?.length) args.push('--', ...load.scriptArgs)
  // bash's `times` prints the CPU its children (wrk) used, on its last line
  const quoted = args.map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(' ')
  const { stdout } = await run('bash', ['-c', `wrk ${quoted}; times`], { encoding: 'utf8' })
  return parseWrkOutput(stdout)
}

/** wrk's report (with --latency) followed by bash's `times`, whose last line is the children's CPU. */
export function parseWrkOutput(stdout: string): WrkResult {
  if (!/requests in/.test(stdout)) throw new Error(`wrk printed no result:\n${stdout}`)
  const number = (pattern: RegExp) => Number(pattern.exec(stdout)?.[1] ?? 0)
  const requests = number(/(\d+) requests in/)
  const non2xx = number(/Non-2xx or 3xx responses: (\d+)/)
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout)
  const errors = socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0
  const [user, system] = stdout.trim().split('\n').at(-1)!.trim().split(/\s+/).map(minutesSeconds)
  return { requests, ok: requests - non2xx, non2xx, errors, p50: latency(stdout, '50'), p99: latency(stdout, '99'), clientCpuMs: (user! + system!) * 1000 }
}

/** bash `times` format: 0m1.234s */
function minutesSeconds(text: string): number {
  const match = /(\d+)m([\d.]+)s/.exec(text)
  if (!match) throw new Error(`not a bash time: ${text}`)
  return Number(match[1]) * 60 + Number(match[2])
}

/** A percentile of wrk's --latency distribution, in ms. */
function latency(stdout: string, percentile: string): number {
  const match = new RegExp(`^\\s+${percentile}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(stdout)
  if (!match) return Number.NaN
  const scale = { us: 0.001, ms: 1, s: 1000 }[match[2] as 'us' | 'ms' | 's']
  return Math.round(Number(match[1]) * scale)
}
