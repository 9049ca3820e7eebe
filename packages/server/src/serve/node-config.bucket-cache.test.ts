import { describe, expect, it } from 'vitest'
import { configFromEnv } from './node-config.js'

describe('IMGPROC_BUCKET_CACHE_MS', () => {
  it('is unset by default (serve() then reuses bucket settings for 1 s), a whole number of ms otherwise, 0 included', () => {
    expect(configFromEnv({}).bucketCacheMs).toBeUndefined()
    expect(configFromEnv({ IMGPROC_BUCKET_CACHE_MS: '250' }).bucketCacheMs).toBe(250)
    expect(configFromEnv({ IMGPROC_BUCKET_CACHE_MS: '0' }).bucketCacheMs).toBe(0)
  })

  it('refuses anything else, naming the variable', () => {
    for (const raw of ['-1', '1.5', 'soon']) expect(() => configFromEnv({ IMGPROC_BUCKET_CACHE_MS: raw })).toThrow(/IMGPROC_BUCKET_CACHE_MS/)
  })
})
