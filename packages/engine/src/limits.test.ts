import { describe, expect, it } from 'vitest'
import { checkRotateSource, checkSourceBytes, checkSourceHeader, defaultLimits } from './limits.js'

const probe = (width: number, height: number, frames = 1) =>
  ({ format: 'jpeg', width, height, frames, orientation: 1, colorType: 'rgb', bitDepth: 8, hasAlpha: false, hasIcc: false, progressive: false }) as const

describe('limits', () => {
  it('defaults per dialect', () => {
    expect(defaultLimits('oss').maxSourceBytes).toBe(20 * 1024 * 1024)
    expect(defaultLimits('obs').maxSourceBytes).toBe(25 * 1024 * 1024)
  })
  it('refuses sources over the byte, side and pixel (x frames) limits with ImageTooLarge', () => {
    const limits = defaultLimits('oss')
    expect(() => checkSourceBytes(20 * 1024 * 1024 + 1, limits)).toThrow(expect.objectContaining({ code: 'ImageTooLarge' }))
    expect(() => checkSourceHeader(probe(30_001, 10), limits)).toThrow(expect.objectContaining({ code: 'ImageTooLarge' }))
    expect(() => checkSourceHeader(probe(20_000, 14_000), limits)).toThrow(/pixels/)
    expect(() => checkSourceHeader(probe(1000, 1000, 300), limits)).toThrow(/frames/)
    expect(() => checkSourceHeader(probe(1000, 1000, 10), limits)).not.toThrow()
  })
  it('caps rotation sources at 4096', () => {
    const limits = defaultLimits('oss')
    expect(() => checkRotateSource(4097, 10, limits)).toThrow('Picture exceed the maximum allowable rotation range')
    expect(() => checkRotateSource(4096, 4096, limits)).not.toThrow()
  })
})
