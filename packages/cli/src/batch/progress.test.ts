import { describe, expect, it } from 'vitest'
import { formatSeconds, Progress, progressLine } from './progress.js'

describe('progressLine', () => {
  it('shows the bar, counts, failures, rate and ETA', () => {
    expect(progressLine({ done: 5, failed: 1, total: 10, elapsedMs: 2000 }, 10)).toBe('[#####.....] 5/10  1 failed  2.5 img/s  ETA 2s')
  })
  it('has no ETA before the first file and 0s at the end', () => {
    expect(progressLine({ done: 0, failed: 0, total: 3, elapsedMs: 0 }, 4)).toBe('[....] 0/3  0.0 img/s  ETA --')
    expect(progressLine({ done: 3, failed: 0, total: 3, elapsedMs: 1000 }, 4)).toBe('[####] 3/3  3.0 img/s  ETA 0s')
  })
})

describe('formatSeconds', () => {
  it('uses s, m and h', () => {
    expect([formatSeconds(5), formatSeconds(65), formatSeconds(3725), formatSeconds(Infinity)]).toEqual(['5s', '1m05s', '1h02m', '--'])
  })
})

describe('Progress', () => {
  it('prints milestone lines (not one per file) when not on a terminal', () => {
    const lines: string[] = []
    let t = 0
    const progress = new Progress(100, { write: (s: string) => lines.push(s) }, () => t)
    for (let i = 0; i < 100; i++) {
      t += 10
      progress.tick(i % 50 !== 0)
    }
    expect(lines).toHaveLength(10)
    expect(lines.at(-1)).toContain('100/100  2 failed')
  })
  it('redraws one line in place on a terminal', () => {
    const out: string[] = []
    let t = 0
    const progress = new Progress(3, { write: (s: string) => out.push(s), isTTY: true, columns: 60 }, () => t)
    for (let i = 0; i < 3; i++) {
      t += 200
      progress.tick(true)
    }
    expect(out.filter((s) => s.startsWith('\r'))).toHaveLength(3)
    expect(out.at(-1)).toBe('\n')
  })
})
