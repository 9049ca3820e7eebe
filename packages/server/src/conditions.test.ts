import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { checkConditions, parseRange } from './conditions.js'

const meta = { etag: 'ABCDEF', lastModified: new Date('2026-11-21T10:00:00.500Z') }
const h = (init: Record<string, string>) => new Headers(init)

describe('checkConditions', () => {
  it('answers not-modified for a matching If-None-Match, in any case and with W/', () => {
    expect(checkConditions(h({ 'if-none-match': '"abcdef"' }), meta)).toBe('not-modified')
    expect(checkConditions(h({ 'if-none-match': 'W/"ABCDEF", "x"' }), meta)).toBe('not-modified')
    expect(checkConditions(h({ 'if-none-match': '"other"' }), meta)).toBe('ok')
    // esdk-obs-nodejs percent-encodes header values
    expect(checkConditions(h({ 'if-none-match': '%22abcdef%22' }), meta)).toBe('not-modified')
  })
  it('uses If-Modified-Since at second precision', () => {
    expect(checkConditions(h({ 'if-modified-since': 'Sat, 21 Nov 2026 10:00:00 GMT' }), meta)).toBe('not-modified')
    expect(checkConditions(h({ 'if-modified-since': 'Sat, 21 Nov 2026 09:59:59 GMT' }), meta)).toBe('ok')
    expect(checkConditions(h({ 'if-modified-since': 'garbage' }), meta)).toBe('ok')
  })
  it('fails If-Match and If-Unmodified-Since with 412', () => {
    expect(() => checkConditions(h({ 'if-match': '"nope"' }), meta)).toThrow(expect.objectContaining({ code: 'PreconditionFailed', status: 412 }))
    expect(() => checkConditions(h({ 'if-unmodified-since': 'Sat, 21 Nov 2026 09:00:00 GMT' }), meta)).toThrow(
      expect.objectContaining({ code: 'PreconditionFailed' }),
    )
  })
})

describe('parseRange', () => {
  it('reads the three forms', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 })
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 })
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 })
    expect(parseRange('bytes=95-200', 100)).toEqual({ start: 95, end: 99 })
  })
  it('ignores malformed and multiple ranges, refuses a start past the end', () => {
    expect(parseRange('bytes=0-1,5-6', 100)).toBeUndefined()
    expect(parseRange('items=0-1', 100)).toBeUndefined()
    expect(parseRange('bytes=9-1', 100)).toBeUndefined()
    expect(() => parseRange('bytes=100-', 100)).toThrow(expect.objectContaining({ code: 'InvalidRange', status: 416 }))
  })
  it('always yields a span inside the object', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.option(fc.nat(2000)), fc.option(fc.nat(2000)), (size, a, b) => {
        const header = `bytes=${a ?? ''}-${b ?? ''}`
        let span
        try {
          span = parseRange(header, size)
        } catch (error) {
          expect((error as { code: string }).code).toBe('InvalidRange')
          return
        }
        if (span) {
          expect(span.start).toBeGreaterThanOrEqual(0)
          expect(span.end).toBeLessThan(size)
          expect(span.start).toBeLessThanOrEqual(span.end)
        }
      }),
    )
  })
})
