import { describe, expect, it } from 'vitest'
import { checkHeaderLimits } from './header-limits.js'

const limits = { maxHeaderBytes: 1000, maxHeaderCount: 5 }
const tooLarge = expect.objectContaining({ code: 'RequestHeaderTooLarge', status: 400 })

describe('checkHeaderLimits', () => {
  it('counts the raw header lines when the runtime passes them, repeated names included', () => {
    const raw = Array.from({ length: 6 }, () => ['x-same', '1']).flat()
    const headers = new Headers(Array.from({ length: 6 }, () => ['x-same', '1'] as [string, string]))
    expect(() => checkHeaderLimits(headers, limits)).not.toThrow()
    expect(() => checkHeaderLimits(headers, limits, raw)).toThrow(tooLarge)
    expect(() => checkHeaderLimits(headers, limits, raw.slice(0, 10))).not.toThrow()
  })

  it('counts Headers entries without them', () => {
    const headers = new Headers(Array.from({ length: 6 }, (_, i) => [`x-${i}`, '1'] as [string, string]))
    expect(() => checkHeaderLimits(headers, limits)).toThrow(/more than 5 header lines/)
  })

  it('measures bytes as `name: value\\r\\n` lines', () => {
    // 5 + 991 + 4 = 1000 bytes: at the limit, one more is over
    expect(() => checkHeaderLimits(new Headers(), limits, ['x-big', 'v'.repeat(991)])).not.toThrow()
    expect(() => checkHeaderLimits(new Headers(), limits, ['x-big', 'v'.repeat(992)])).toThrow(tooLarge)
    expect(() => checkHeaderLimits(new Headers({ 'x-big': 'v'.repeat(992) }), limits)).toThrow(tooLarge)
  })
})
