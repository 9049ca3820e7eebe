import { describe, expect, it } from 'vitest'
import { configFromEnv } from './node-config.js'
import { createNodeStorage } from './node-storage.js'

describe('the storage pnpm start builds from the environment', () => {
  const s3 = { IMGPROC_STORAGE: 's3', S3_ENDPOINT: 'http://127.0.0.1:9', S3_ACCESS_KEY_ID: 'AK', S3_SECRET_ACCESS_KEY: 'SK' }

  it('builds the S3 adapter without touching the store, and refuses missing S3 settings', async () => {
    expect((await createNodeStorage(configFromEnv(s3), s3)).name).toBe('s3')
    const partial = { IMGPROC_STORAGE: 's3', S3_ENDPOINT: 'http://127.0.0.1:9' }
    await expect(createNodeStorage(configFromEnv(partial), partial)).rejects.toThrow(/S3_ACCESS_KEY_ID/)
  })

  it('takes IMGPROC_S3_CONDITIONAL_WRITES as 0/1/true/false and refuses anything else', async () => {
    for (const value of ['0', '1', 'false', 'TRUE', '']) {
      const env = { ...s3, IMGPROC_S3_CONDITIONAL_WRITES: value }
      expect((await createNodeStorage(configFromEnv(env), env)).name).toBe('s3')
    }
    const wrong = { ...s3, IMGPROC_S3_CONDITIONAL_WRITES: 'sometimes' }
    await expect(createNodeStorage(configFromEnv(wrong), wrong)).rejects.toThrow(/IMGPROC_S3_CONDITIONAL_WRITES must be 0 or 1/)
  })
})
