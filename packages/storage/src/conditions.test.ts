import { describe, expect, it } from 'vitest'
import type { ObjectMeta } from '@imgproc/types'
import { bareEtag, evaluateConditions, resolveRange } from './conditions.js'

const meta: ObjectMeta = {
  key: 'k', size: 10, etag: 'abc', lastModified: new Date('2026-01-01T00:00:10.700Z'),
  contentType: 'text/plain', userMeta: {}, headers: {}, acl: 'default',
}

describe('conditions', () => {
  it('strips quotes and weak prefixes', () => {
    expect(bareEtag('"abc"')).toBe('abc')
    expect(bareEtag('W/"abc"')).toBe('abc')
    expect(bareEtag('abc')).toBe('abc')
  })

  it('If-None-Match wins over If-Modified-Since (RFC 7232)', () => {
    const past = new Date('2025-01-01')
    expect(evaluateConditions(meta, { ifNoneMatch: '"other"', ifModifiedSince: new Date('2030-01-01') })).toBeUndefined()
    expect(evaluateConditions(meta, { ifNoneMatch: '"x", "abc"', ifModifiedSince: past })).toMatchObject({ notModified: true })
  })

  it('compares dates at second precision, like HTTP dates', () => {
    expect(evaluateConditions(meta, { ifModifiedSince: new Date('2026-01-01T00:00:10Z') })).toMatchObject({ notModified: true })
    expect(() => evaluateConditions(meta, { ifUnmodifiedSince: new Date('2026-01-01T00:00:09Z') })).toThrow(
      expect.objectContaining({ code: 'PreconditionFailed' }),
    )
    expect(evaluateConditions(meta, { ifUnmodifiedSince: new Date('2026-01-01T00:00:10Z') })).toBeUndefined()
  })

  it('If-Match beats If-Unmodified-Since', () => {
    expect(evaluateConditions(meta, { ifMatch: 'abc', ifUnmodifiedSince: new Date('2000-01-01') })).toBeUndefined()
    expect(() => evaluateConditions(meta, { ifMatch: 'nope' })).toThrow(expect.objectContaining({ code: 'PreconditionFailed' }))
  })

  it('resolves ranges like S3 and refuses unsatisfiable ones', () => {
    expect(resolveRange({ start: 0 }, 10)).toEqual({ start: 0, end: 9 })
    expect(resolveRange({ start: 3, end: 99 }, 10)).toEqual({ start: 3, end: 9 })
    expect(resolveRange({ suffix: 4 }, 10)).toEqual({ start: 6, end: 9 })
    for (const bad of [{ start: 10 }, { start: -1 }, { start: 5, end: 4 }, { suffix: 0 }, { start: 0.5 }]) {
      expect(() => resolveRange(bad, 10), JSON.stringify(bad)).toThrow(expect.objectContaining({ code: 'InvalidRange' }))
    }
    expect(() => resolveRange({ suffix: 3 }, 0)).toThrow(expect.objectContaining({ code: 'InvalidRange' }))
  })
})
