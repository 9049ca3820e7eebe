/**
 * The batch progress bar: `[#####.....] 120/400  3 failed  14.2 img/s  ETA 20s`. Small own code
 * rather than cli-progress: the bar is one line of arithmetic, and owning it lets the same
 * object print plain milestone lines (every 10%) when stderr is not a terminal, so CI logs stay
 * readable. Time is injected for tests.
 */
export interface ProgressSink {
  write(text: string): unknown
  isTTY?: boolean
  columns?: number
}

export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--'
  const s = Math.max(0, Math.round(seconds))
  if (s < 60) return `${s}s`
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
}

export interface ProgressState {
  done: number
  failed: number
  total: number
  elapsedMs: number
}

export function progressLine({ done, failed, total, elapsedMs }: ProgressState, width = 24): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 1
  const filled = Math.round(fraction * width)
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0
  const eta = done >= total ? 0 : rate > 0 ? (total - done) / rate : Infinity
  const failures = failed > 0 ? `  ${failed} failed` : ''
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${failures}  ${rate.toFixed(1)} img/s  ETA ${formatSeconds(eta)}`
}

export class Progress {
  private done = 0
  private failed = 0
  private readonly started: number
  private lastDraw = -Infinity
  private lastMilestone = 0

  constructor(
    private readonly total: number,
    private readonly sink: ProgressSink,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now()
  }

  /** One file finished (ok or not). Redraws at most every 100 ms on a terminal. */
  tick(ok: boolean): void {
    this.done++
    if (!ok) this.failed++
    const line = progressLine({ done: this.done, failed: this.failed, total: this.total, elapsedMs: this.now() - this.started })
    if (this.sink.isTTY) {
      const t = this.now()
      if (t - this.lastDraw < 100 && this.done < this.total) return
      this.lastDraw = t
      const columns = Math.max(20, (this.sink.columns ?? 100) - 1)
      this.sink.write(`\r${line.slice(0, columns).padEnd(columns)}`)
      if (this.done === this.total) this.sink.write('\n')
      return
    }
    const milestone = Math.floor((this.done * 10) / Math.max(1, this.total))
    if (milestone > this.lastMilestone || this.done === this.total) {
      this.lastMilestone = milestone
      this.sink.write(`${line}\n`)
    }
  }

  /** Leaves the terminal line clean (on interrupt or an early end). */
  finish(): void {
    if (this.sink.isTTY && this.done < this.total) this.sink.write('\n')
  }
}
