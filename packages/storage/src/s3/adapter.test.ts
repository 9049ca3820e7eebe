import { describe, it } from 'vitest'
import { createS3Storage } from './adapter.js'
import { testStorageAdapter } from '../testing.js'

// The S3 conformance run needs a real S3-compatible server; `.ci/run` starts Ceph RGW with
// ../shared/tools/s3-server and exports these variables. Without them the suite is skipped.
const env = globalThis.process?.env ?? {}
const configured = Boolean(env.S3_ENDPOINT && env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY)

if (!configured) {
  console.warn('[storage] S3 conformance suite SKIPPED: S3_ENDPOINT / S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY not set (start one with: eval "$(bash ../shared/tools/s3-server)")')
  describe.skip('StorageAdapter conformance: s3 (no S3 server configured)', () => {
    it('needs S3_ENDPOINT, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY', () => {})
  })
} else {
  testStorageAdapter(
    's3',
    (options) =>
      createS3Storage({
        endpoint: env.S3_ENDPOINT!,
        region: env.S3_REGION ?? 'us-east-1',
        accessKeyId: env.S3_ACCESS_KEY_ID!,
        secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
        forcePathStyle: env.S3_FORCE_PATH_STYLE !== 'false',
        ...options,
      }),
    { md5EtagForLargeObjects: false, maxKeyBytes: 380, manyKeys: 1050 },
  )
}
