import { describe, expect, it } from 'vitest'
import { fullSampleReport } from '../testing/sample-report.js'
import { chartRows, familyOf, uniqueInOrder } from './chart-data.js'

describe('chartRows', () => {
  const rows = chartRows(fullSampleReport().runs.flatMap((run) => run.records))

  it('puts one codec\'s encode ladder in one family and every other task in its own', () => {
    expect(familyOf('encode:webp@75')).toBe('encode webp')
    expect(familyOf('encode:png')).toBe('encode png')
    expect(familyOf('thumbnail-jpeg-720')).toBe('thumbnail-jpeg-720')
    expect(uniqueInOrder(rows, (r) => r.family)).toEqual([
      'decode', 'encode jpeg', 'encode webp', 'encode avif', 'encode png', 'thumbnail-jpeg-720', 'thumbnail-png-320', 'convert-webp', 'convert-avif',
    ])
  })

  it('names a series by contender and codec; decode has no output codec', () => {
    const decode = rows.find((r) => r.task === 'decode' && r.contender === 'sharp')!
    expect(decode).toMatchObject({ codec: 'decode', series: 'sharp decode' })
    expect(decode.bytes).toBeUndefined()
    expect(rows.find((r) => r.task === 'encode:avif@50' && r.contender === 'jsquash')!.series).toBe('jsquash avif')
  })

  it('drops a missing SSIM (null in JSON) rather than drawing it at 0', () => {
    const report = fullSampleReport()
    const record = { ...report.runs[0]!.records[1]!, ssim: null as unknown as number }
    expect(chartRows([record])[0]!.ssim).toBeUndefined()
  })
})
