import { describe, expect, it } from 'vitest'
import { sampleReport } from '../testing/sample-report.js'
import { formatTable, terminalReport } from './terminal-table.js'

describe('terminal report', () => {
  it('aligns columns and right-aligns numbers', () => {
    const text = formatTable(['name', 'ms'], [['a', '5'], ['longer', '10.5']])
    expect(text.split('\n')).toEqual(['name      ms', '------  ----', 'a          5', 'longer  10.5'])
  })

  it('lists every contender per task with its ratio to the fastest, and says what did not run', () => {
    const text = terminalReport(sampleReport)
    expect(text).toMatch(/encode:webp@75\s+sharp\s+5\.00.*1\.00x/)
    expect(text).toMatch(/encode:webp@75\s+imgproc\s+10\.0.*2\.00x/)
    expect(text).toContain('jimp: not run (not installed)')
    expect(text).toContain('imgproc: skipped encode:avif@50 on sample.png (codec not installed)')
  })
})
