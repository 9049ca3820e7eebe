/**
 * Test harness for the end-to-end suites: the storage backends to run against and an
 * independent reader of output image dimensions (so the tests do not check our codecs with
 * our codecs).
 */
import type { StorageAdapter } from '@imgproc/types'
import { createFileStorage } from '@imgproc/storage/node-fs'
import { createS3FromSettings } from '../serve/node-storage.js'

export interface Backend {
  name: string
  /** a bucket name unique to this run (S3 gateways are shared between runs) */
  bucket(base: string): string
  create(tmpDir: string): Promise<StorageAdapter>
  /** removes what the run left behind (shared S3 gateways outlive the test) */
  cleanup?(storage: StorageAdapter, bucket: string): Promise<void>
}

/** Deletes every object, style and finally the bucket. */
export async function emptyAndDelete(storage: StorageAdapter, bucket: string): Promise<void> {
  if ((await storage.headBucket(bucket)) === null) return
  let cursor: string | undefined
  do {
    const page = await storage.list(bucket, cursor ? { cursor } : {})
    for (const entry of page.objects) await storage.delete(bucket, entry.key)
    cursor = page.nextCursor
  } while (cursor)
  for (const style of await storage.listStyles(bucket)) await storage.deleteStyle(bucket, style.name)
  await storage.deleteBucket(bucket)
}

const runId = Math.random().toString(36).slice(2, 8)

export function backends(): Backend[] {
  const list: Backend[] = [
    {
      name: 'filesystem',
      bucket: (base) => base,
      create: async (tmpDir) => createFileStorage({ root: `${tmpDir}/data` }),
    },
  ]
  const env = process.env
  if (env.S3_ENDPOINT && env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY) {
    list.push({
      name: 'S3',
      bucket: (base) => `${base}-${runId}`,
      cleanup: emptyAndDelete,
      create: async () =>
        createS3FromSettings({
          endpoint: env.S3_ENDPOINT!,
          region: env.S3_REGION ?? 'us-east-1',
          forcePathStyle: env.S3_FORCE_PATH_STYLE !== 'false',
          accessKeyId: env.S3_ACCESS_KEY_ID!,
          secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
        }),
    })
  } else {
    console.warn('[server e2e] S3 run skipped: set S3_ENDPOINT, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY (CI starts a Ceph gateway) to run the suite against the S3 adapter')
  }
  return list
}

/** Width and height from a PNG IHDR or a JPEG SOFn marker; throws for anything else. */
export function imageSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes[0] === 0x89 && bytes[1] === 0x50) return { width: view.getUint32(16), height: view.getUint32(20) }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    let at = 2
    while (at + 9 < bytes.length) {
      if (bytes[at] !== 0xff) throw new Error(`bad JPEG marker at ${at}`)
      const marker = bytes[at + 1]!
      const length = view.getUint16(at + 2)
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { width: view.getUint16(at + 7), height: view.getUint16(at + 5) }
      }
      at += 2 + length
    }
  }
  if (bytes[0] === 0x52 && bytes[8] === 0x57) throw new Error('WebP size reading is not needed by these tests')
  throw new Error(`not a PNG or JPEG: ${[...bytes.slice(0, 4)].join(',')}`)
}
