import { describe, expect, it } from 'vitest'
import { createS3Storage } from './adapter.js'
import { resultsBucketName } from './results.js'
import { testResultStorage } from '../testing-results.js'

// Needs a real S3-compatible server, like the S3 conformance suite (adapter.test.ts).
const env = globalThis.process?.env ?? {}
const configured = Boolean(env.S3_ENDPOINT && env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY)

describe('the results bucket name', () => {
  it('must have a "." so no OSS bucket name (and so no client request) can be it', () => {
    expect(resultsBucketName()).toBe('imgproc.results')
    expect(resultsBucketName('team.cache')).toBe('team.cache')
    for (const bad of ['imgproc-results', 'ab', 'UPPER.case', '.dot', 'dot.', 'a..b', 'x'.repeat(60) + '.abcd']) {
      expect(() => resultsBucketName(bad), bad).toThrow(RangeError)
    }
  })
})

if (!configured) {
  console.warn('[storage] S3 ResultStorage suite SKIPPED: S3_ENDPOINT / S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY not set (start one with: eval "$(bash ../shared/tools/s3-server)")')
  describe.skip('ResultStorage conformance: s3 (no S3 server configured)', () => {
    it('needs S3_ENDPOINT, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY', () => {})
  })
} else {
  testResultStorage('s3', () =>
    createS3Storage({
      endpoint: env.S3_ENDPOINT!,
      region: env.S3_REGION ?? 'us-east-1',
      accessKeyId: env.S3_ACCESS_KEY_ID!,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
      forcePathStyle: env.S3_FORCE_PATH_STYLE !== 'false',
    }),
  )
}
