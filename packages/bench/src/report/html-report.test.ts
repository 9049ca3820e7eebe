import { describe, expect, it } from 'vitest'
import { sampleReport } from '../testing/sample-report.js'
import { htmlReport } from './html-report.js'

describe('htmlReport', () => {
  const html = htmlReport(sampleReport)

  it('is one self-contained page with two charts per image and a row per record', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true)
    expect(html.match(/<svg /g)).toHaveLength(2)
    expect(html).toContain('sample.png: time vs size')
    expect(html).toContain('sample.png: quality vs size')
    expect(html.match(/<tr><td>/g)).toHaveLength(2)
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/)
  })

  it('names the machine, the command and what was not run', () => {
    expect(html).toContain('2 × test cpu')
    expect(html).toContain('imgproc bench sample.png')
    expect(html).toContain('jimp: not run (not installed)')
  })
})
