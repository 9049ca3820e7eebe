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

  it('rewrites one live line on a TTY, with milestones printed above it', () => {
    const tty: string[] = []
    const bar = new ProgressBar(3, { isTTY: true, columns: 60, write: (t) => tty.push(t) })
    bar.step('a')
    bar.milestone('sharp finished photo.jpg')
    bar.step('b', 2)
    expect(tty[0]!.startsWith('\r[')).toBe(true)
    expect(tty).toContain(`\r${'[1/3 0s] sharp finished photo.jpg'.padEnd(59)}\n`)
    expect(tty.filter((t) => t.includes('/3 ')).length).toBeGreaterThanOrEqual(3)
    expect(tty.at(-1)).toBe('\n')
  })

  it('prints only milestones when the output is not a terminal, never a line per step', () => {
    const log: string[] = []
    let clock = 0
    const plain = new ProgressBar(300, { write: (t) => log.push(t) }, () => clock)
    for (let i = 0; i < 150; i++) plain.step(`step ${i}`)
    clock = 65_000
    plain.milestone('imgproc finished photo.jpg (150 tasks)')
    for (let i = 0; i < 150; i++) plain.step(`step ${i}`)
    plain.milestone('sharp: not run (not installed)')
    expect(log).toEqual([
      '[150/300 1m05s] imgproc finished photo.jpg (150 tasks)\n',
      '[300/300 1m05s] sharp: not run (not installed)\n',
    ])
  })
})
