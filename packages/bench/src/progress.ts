/**
 * A one-line progress bar with rate and ETA for a terminal; prints plain lines when the output is
 * not a TTY (CI logs), so logs stay readable.
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
  private readonly started = Date.now()

  constructor(private readonly total: number, private readonly sink: ProgressSink, private readonly now = () => Date.now()) {}

  tick(label: string): void {
    this.done++
    const line = renderBar(this.done, this.total, (this.now() - this.started) / 1000, label)
    if (this.sink.isTTY) {
      const columns = this.sink.columns ?? 100
      this.sink.write(`\r${line.slice(0, columns - 1).padEnd(columns - 1)}`)
      if (this.done === this.total) this.sink.write('\n')
    } else {
      this.sink.write(`${line}\n`)
    }
  }
}
