import { describe, expect, it } from 'vitest'
import { formatDuration, ProgressBar, renderBar } from './progress.js'

describe('progress', () => {
  it('renders fill, rate and ETA', () => {
    expect(renderBar(5, 10, 5, 'x', 10)).toBe('[#####.....] 5/10 1.0/s ETA 5s x')
    expect(renderBar(0, 10, 0, 'x', 4)).toBe('[....] 0/10 0.0/s ETA -- x')
  })

  it('formats durations', () => {
    expect(formatDuration(59)).toBe('59s')
    expect(formatDuration(61)).toBe('1m01s')
    expect(formatDuration(3720)).toBe('1h02m')
  })

  it('rewrites one line on a TTY and prints lines otherwise', () => {
    const tty: string[] = []
    const bar = new ProgressBar(2, { isTTY: true, columns: 40, write: (t) => tty.push(t) })
    bar.tick('a')
    bar.tick('b')
    expect(tty[0]!.startsWith('\r[')).toBe(true)
    expect(tty.at(-1)).toBe('\n')
    const log: string[] = []
    const plain = new ProgressBar(1, { write: (t) => log.push(t) })
    plain.tick('only')
    expect(log).toHaveLength(1)
    expect(log[0]).toMatch(/^\[#+\] 1\/1 .* only\n$/)
  })
})
