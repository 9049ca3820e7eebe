import { describe, expect, it } from 'vitest'
import { configFromEnv } from './node-config.js'

describe('configFromEnv: the result cache', () => {
  it('reads IMGPROC_RESULT_CACHE_*', () => {
    expect(configFromEnv({}).resultCache).toEqual({})
    expect(configFromEnv({ IMGPROC_RESULT_CACHE_MB: '16' }).resultCache).toEqual({ maxBytes: 16 * 1024 * 1024 })
    expect(configFromEnv({ IMGPROC_RESULT_CACHE_MB: '0' }).resultCache).toBe(false)
    expect(configFromEnv({ IMGPROC_RESULT_CACHE_MB: '0', IMGPROC_RESULT_CACHE_SHARED: '1' }).resultCache).toEqual({ maxBytes: 0, shared: true })
    expect(configFromEnv({ IMGPROC_RESULT_CACHE_SHARED: '1', IMGPROC_RESULT_CACHE_SHARED_MB: '100', IMGPROC_RESULT_CACHE_NAMESPACE: 'v2' }).resultCache).toEqual({
      shared: { maxBytesPerBucket: 100 * 1024 * 1024 },
      namespace: 'v2',
    })
  })

  it('refuses nonsense with the variable name', () => {
    expect(() => configFromEnv({ IMGPROC_RESULT_CACHE_MB: '-1' })).toThrow(/IMGPROC_RESULT_CACHE_MB/)
    expect(() => configFromEnv({ IMGPROC_RESULT_CACHE_MB: 'lots' })).toThrow(/IMGPROC_RESULT_CACHE_MB/)
    expect(() => configFromEnv({ IMGPROC_RESULT_CACHE_SHARED: 'maybe' })).toThrow(/IMGPROC_RESULT_CACHE_SHARED/)
    expect(() => configFromEnv({ IMGPROC_RESULT_CACHE_SHARED_MB: '0' })).toThrow(/IMGPROC_RESULT_CACHE_SHARED_MB/)
  })
})
