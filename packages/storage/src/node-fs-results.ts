/**
 * The filesystem adapter's ResultStorage (the server's shared result cache): one file per result,
 * `<root>/<bucket>/r/<64 hex>`, beside the bucket's `o/` folder. So a result is never an object
 * (the object walk only enters `o/`), is never listed, and goes with the bucket's folder when the
 * bucket is deleted.
 *
 * A result is written to a temp file in the bucket folder (where the orphan sweep already looks
 * for the settings files' temps) and renamed into `r/`: a reader sees a whole result or none. It
 * is not fsynced: it is a cache entry, recomputed when a crash loses it. Folders are never made
 * recursively, so a write racing a bucket deletion cannot bring the bucket's folder back.
 */
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ResultStorage, StoredResultInfo } from '@imgproc/types'
import { assertResultName } from './names.js'
import { isMissing } from './node-fs-files.js'
import { TEMP_PREFIX } from './node-fs-layout.js'
import { tempName } from './node-fs-temp-names.js'
import { noSuchBucket } from './object-meta.js'
import { typedMethods } from './typed-errors.js'

const NAME = /^[0-9a-f]{64}$/

export interface FileResultsParts {
  /** `<root>/<bucket>` (the name already checked by `requireBucket`) */
  bucketDir: (bucket: string) => string
  /** NoSuchBucket (or InvalidBucketName) unless the bucket exists */
  requireBucket: (bucket: string) => Promise<unknown>
}

export function createFileResults({ bucketDir, requireBucket }: FileResultsParts): ResultStorage {
  const resultsDir = (bucket: string) => join(bucketDir(bucket), 'r')

  async function located(bucket: string, name: string): Promise<string> {
    await requireBucket(bucket)
    assertResultName(name)
    return join(resultsDir(bucket), name)
  }

  return typedMethods<ResultStorage>({
    async get(bucket, name) {
      const path = await located(bucket, name)
      try {
        return new Uint8Array(await readFile(path))
      } catch (error) {
        if (isMissing(error)) return null
        throw error
      }
    },

    async put(bucket, name, bytes) {
      const path = await located(bucket, name)
      const temp = join(bucketDir(bucket), tempName(TEMP_PREFIX))
      try {
        await mkdir(resultsDir(bucket)).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'EEXIST') throw error
        })
        await writeFile(temp, bytes, { flag: 'wx', mode: 0o644 })
        await rename(temp, path)
      } catch (error) {
        await unlink(temp).catch(() => {})
        // the bucket's folder went away (deleted meanwhile): as for any other write to it
        if (isMissing(error)) throw noSuchBucket(bucket)
        throw error
      }
    },

    async delete(bucket, name) {
      const path = await located(bucket, name)
      await unlink(path).catch((error) => {
        if (!isMissing(error)) throw error
      })
    },

    async list(bucket) {
      await requireBucket(bucket)
      let names: string[]
      try {
        names = await readdir(resultsDir(bucket))
      } catch (error) {
        if (isMissing(error)) return []
        throw error
      }
      const found: StoredResultInfo[] = []
      for (const name of names.filter((n) => NAME.test(n))) {
        try {
          const info = await stat(join(resultsDir(bucket), name))
          found.push({ name, size: info.size, lastModified: info.mtime })
        } catch (error) {
          if (!isMissing(error)) throw error // deleted since readdir: skip it
        }
      }
      return found
    },
  })
}
