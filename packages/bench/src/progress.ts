/**
 * Progress for a long run. On a terminal: one live line (a bar with rate and ETA) rewritten at
 * every step, with milestones printed above it. Elsewhere (CI logs, a pipe): only the
 * milestones, one line each with the count and elapsed time, so a log reads as a story rather
 * than hundreds of bar lines.
 */
export interface ProgressSink {
  isTTY?: boolean
  columns?: number
  write(text: string): unknown
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--'
  const s = Math.max(0, Math.round(seconds))
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
    : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`
}

export function renderBar(done: number, total: number, elapsedSeconds: number, label: string, width = 24): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 1
  const filled = Math.round(fraction * width)
  const rate = elapsedSeconds > 0 ? done / elapsedSeconds : 0
  const eta = rate > 0 ? (total - done) / rate : Infinity
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${rate.toFixed(1)}/s ETA ${formatDuration(eta)} ${label}`
}

export class ProgressBar {
  private done = 0
  private label = ''
  private readonly started: number

  constructor(private readonly total: number, private readonly sink: ProgressSink, private readonly now = () => Date.now()) {
    this.started = now()
  }

  private get elapsed(): number {
    return (this.now() - this.started) / 1000
  }

  private redraw(): void {
    const columns = this.sink.columns ?? 100
    const line = renderBar(this.done, this.total, this.elapsed, this.label)
    this.sink.write(`\r${line.slice(0, columns - 1).padEnd(columns - 1)}`)
    if (this.done >= this.total) this.sink.write('\n')
  }

  /** `count` steps done (a contender that could not run skips all of its steps at once). */
  step(label: string, count = 1): void {
    this.done = Math.min(this.total, this.done + count)
    this.label = label
    if (this.sink.isTTY) this.redraw()
  }

  /** Something worth a line of its own: a contender finished an image, or could not run. */
  milestone(text: string): void {
    const line = `[${this.done}/${this.total} ${formatDuration(this.elapsed)}] ${text}`
    if (!this.sink.isTTY) {
      this.sink.write(`${line}\n`)
      return
    }
    const columns = this.sink.columns ?? 100
    this.sink.write(`\r${line.padEnd(columns - 1)}\n`)
    if (this.done < this.total) this.redraw()
  }
}
