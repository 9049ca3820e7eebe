import { describe, expect, it } from 'vitest'
import { sampleReport } from '../testing/sample-report.js'
import { markdownReport } from './markdown-report.js'

describe('markdownReport', () => {
  const md = markdownReport(sampleReport)

  it('opens with the command and machine, then the ratio summary', () => {
    expect(md.startsWith('Command: `imgproc bench sample.png`')).toBe(true)
    expect(md).toContain('2 × test cpu, 24 GiB')
    expect(md).toContain('| image | task | imgproc ms | ÷ sharp | ÷ jimp |')
    // imgproc 10 ms vs sharp 5 ms; jimp did not run
    expect(md).toContain('| sample.png | encode:webp@75 | 10.0 | 2.00x |  |')
  })

  it('lists every cell and what was not run', () => {
    expect(md).toMatch(/\| sample\.png \| encode:webp@75 \| sharp \| 5\.00 \|/)
    expect(md).toContain('- jimp: not run (not installed)')
    expect(md).toContain('- imgproc: skipped encode:avif@50 on sample.png (codec not installed)')
  })
})
