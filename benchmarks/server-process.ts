/**
 * A benchmark's server in a process of its own (server-load and load-shedding): spawned from the
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

/** Spawns `command args` and resolves once it prints `ready <port> [detail]`; `name` says who exited too early. */
export function startServerProcess(command: string, args: string[], name = args.join(' ')): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /ready (\d+)(?: (.*))?\n/.exec(out)
      if (match) resolve({ child, port: Number(match[1]), detail: match[2] ?? '' })
    })
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before it was ready`)))
  })
}

/** The process's peak resident set (VmHWM, its threads included), in MiB. */
export function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024)
}
