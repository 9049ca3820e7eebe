/** The server's work queue as /-/health reports it, sampled once a second while a point runs. */
import { WORKERS } from './setup.js'

export interface QueueSample {
  active: number
  depth: number
  allowed: number
}

/** GET /-/health once a second while `until` is pending (the answer waits its turn on the event loop like any request). */
export async function sampleQueue(port: number, until: Promise<unknown>): Promise<QueueSample[]> {
  const samples: QueueSample[] = []
  let done = false
  void until.finally(() => (done = true))
  while (!done) {
    await new Promise((resolve) => setTimeout(resolve, 1000))
    if (done) break
    try {
      const health = (await (await fetch(`http://127.0.0.1:${port}/-/health`, { signal: AbortSignal.timeout(5000) })).json()) as { queue: { depth: number; active: number; allowedDepth: number } }
      samples.push({ active: health.queue.active, depth: health.queue.depth, allowed: health.queue.allowedDepth })
    } catch {
      // a health answer slower than 5 s: no sample
    }
  }
  return samples
}

/** The samples in one line: running and waiting jobs (means), the most waiting, the allowed depth's range. */
export function describeQueue(samples: QueueSample[]): string {
  if (samples.length === 0) return 'no sample'
  const mean = (pick: (s: QueueSample) => number) => samples.reduce((a, s) => a + pick(s), 0) / samples.length
  const allowed = samples.map((s) => s.allowed)
  return `running ${mean((s) => s.active).toFixed(1)}, waiting ${mean((s) => s.depth).toFixed(0)} (max ${Math.max(...samples.map((s) => s.depth))}), allowed ${Math.min(...allowed)}-${Math.max(...allowed)}`
}

/**
 * The job time the queue assumes, in ms: targetWaitMs x workers / allowed depth (mean of the
 * samples where the allowed depth is off its bounds), or '-'. `limits` is the server's limits as JSON.
 */
export function impliedJobMs(samples: QueueSample[], limits: string): string {
  const { targetWaitMs, maxQueued } = JSON.parse(limits) as { targetWaitMs: number; maxQueued: number }
  const unbounded = samples.filter((q) => q.allowed > WORKERS && q.allowed < maxQueued)
  return unbounded.length ? ((targetWaitMs * WORKERS) / (unbounded.reduce((a, q) => a + q.allowed, 0) / unbounded.length)).toFixed(0) : '-'
}
