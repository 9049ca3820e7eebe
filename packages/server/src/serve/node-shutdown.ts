/**
 * A bounded graceful stop for `serve()` (SIGTERM, Ctrl-C): the listener stops accepting, idle
 * keep-alive connections close, image jobs still waiting are answered 503 at once, and requests
 * already running get the grace period. Past `graceMs - abortLeadMs` their work is aborted
 * through its signal (the worker pool replaces a worker that does not stop within its own abort
 * grace), and at `graceMs` every connection is closed, whatever it was doing. So the process is
 * down within the bound even with a queue full of decompression bombs.
 */
import type { Server } from 'node:http'
import type { Handler } from '../app.js'

export interface ShutdownParts {
  server: Server
  handler: Handler
  /** frees the worker pool (when the server owns it) */
  closeEngine: () => Promise<void>
}

/** Time left, at the end of the grace period, for aborted work to answer and the pool to stop. */
const ABORT_LEAD_MS = 2000

export async function shutdownGracefully(parts: ShutdownParts, graceMs: number): Promise<void> {
  const { server, handler } = parts
  handler.drain()
  const closed = new Promise<void>((resolve) => server.close(() => resolve()))
  server.closeIdleConnections()
  const timers: ReturnType<typeof setTimeout>[] = []
  const abortAfter = Math.max(0, graceMs - ABORT_LEAD_MS)
  timers.push(setTimeout(() => handler.abortInFlight(), abortAfter))
  await Promise.race([closed, new Promise<void>((resolve) => timers.push(setTimeout(resolve, graceMs)))])
  for (const timer of timers) clearTimeout(timer)
  handler.abortInFlight()
  server.closeAllConnections()
  await parts.closeEngine()
}
