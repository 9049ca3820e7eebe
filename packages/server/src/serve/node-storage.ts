/**
 * The storage adapter `pnpm start` uses: the filesystem adapter in `IMGPROC_DATA_DIR` (default
 * `./data`), or the S3 adapter (`IMGPROC_STORAGE=s3` with the `S3_*` variables) when several
 * replicas share one object store.
 */
import type { StorageAdapter } from '@imgproc/types'
import { createS3Storage } from '@imgproc/storage'
import { createFileStorage } from '@imgproc/storage/node-fs'
import type { NodeConfig } from './node-config.js'

export interface S3Settings {
  endpoint: string
  region: string
  forcePathStyle: boolean
  accessKeyId: string
  secretAccessKey: string
  maxStyles?: number
  /** false for a store without conditional PUT (then only one replica may write styles) */
  conditionalWrites?: boolean
}

export async function createS3FromSettings(settings: S3Settings): Promise<StorageAdapter> {
  return createS3Storage(settings)
}

export async function createNodeStorage(config: NodeConfig, env: Readonly<Record<string, string | undefined>>): Promise<StorageAdapter> {
  // the adapters enforce their own style cap too: keep it equal to the server's
  const maxStyles = config.limits.maxStyles
  if (config.storage === 'fs') {
    const storage = createFileStorage({ root: config.dataDir, ...(maxStyles ? { maxStyles } : {}) })
    // the start-up sweep removes what interrupted writes left; it does not delay serving
    void storage.startupSweep.then((report) => {
      if (report.removed.length) console.log(`imgproc: removed ${report.removed.length} temporary file(s) left by interrupted writes in ${config.dataDir}`)
    })
    return storage
  }
  const endpoint = env.S3_ENDPOINT
  const accessKeyId = env.S3_ACCESS_KEY_ID
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY
  if (!endpoint || !accessKeyId || !secretAccessKey) {
    throw new Error('IMGPROC_STORAGE=s3 needs S3_ENDPOINT, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY')
  }
  const conditional = env.IMGPROC_S3_CONDITIONAL_WRITES?.trim().toLowerCase()
  if (conditional !== undefined && !['', '0', '1', 'false', 'true'].includes(conditional)) {
    throw new Error(`IMGPROC_S3_CONDITIONAL_WRITES must be 0 or 1, got ${JSON.stringify(env.IMGPROC_S3_CONDITIONAL_WRITES)}`)
  }
  return createS3FromSettings({
    endpoint,
    region: env.S3_REGION ?? 'us-east-1',
    forcePathStyle: env.S3_FORCE_PATH_STYLE !== 'false',
    accessKeyId,
    secretAccessKey,
    ...(maxStyles ? { maxStyles } : {}),
    ...(conditional === '0' || conditional === 'false' ? { conditionalWrites: false } : {}),
  })
}
