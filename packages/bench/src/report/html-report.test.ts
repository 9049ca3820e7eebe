import { parseHTML } from 'linkedom'
import { describe, expect, it } from 'vitest'
import { fullSampleReport, sampleReport } from '../testing/sample-report.js'
import { htmlReport } from './html-report.js'

describe('htmlReport', () => {
  const html = htmlReport(sampleReport)

  it('is one self-contained page: static SVG charts, a legend, a row per record, no external resource', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true)
    const { document } = parseHTML(html)
    expect(document.querySelectorAll('[data-chart=time] .facet svg')).toHaveLength(1)
    expect(document.querySelectorAll('[data-chart=quality] .facet svg')).toHaveLength(1)
    expect(document.querySelector('.legend')!.textContent).toContain('imgproc')
    expect(document.querySelectorAll('tbody tr')).toHaveLength(2)
    // the only script is the table sorter, inline; nothing is fetched when the page is viewed
    expect([...document.querySelectorAll('script')].map((s) => s.getAttribute('src'))).toEqual([null])
    expect(html).not.toMatch(/(src|href)=|@import|url\(/)
  })

  it('names the machine, the command and what was not run', () => {
    expect(html).toContain('2 × test cpu')
    expect(html).toContain('imgproc bench sample.png')
    expect(html).toContain('jimp: not run (not installed)')
  })

  it('gives every table cell that is a number the value it sorts by, ∞ included', () => {
    const { document } = parseHTML(htmlReport(fullSampleReport()))
    const headers = [...document.querySelectorAll('thead th')].map((th) => th.textContent)
    const psnr = headers.indexOf('PSNR dB')
    const cells = [...document.querySelectorAll('tbody tr')].map((tr) => tr.children[psnr]!)
    expect(cells.some((td) => td.textContent === '∞' && td.getAttribute('data-sort') === 'Infinity')).toBe(true)
    expect(cells.filter((td) => td.textContent !== '').every((td) => Number.isFinite(Number(td.getAttribute('data-sort'))) || td.textContent === '∞')).toBe(true)
  })
})
