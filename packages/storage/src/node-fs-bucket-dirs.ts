/**
 * Creating and deleting a bucket's folder, each in one visible step so nobody sees half a bucket:
 * a new bucket is built in a temp folder at the root (`~tmp-…`) and renamed into place; a deleted
 * one is renamed away (`~trash-…`) before its files are removed. A crash between the steps leaves
 * only that temp or trash folder, which the orphan sweep removes (node-fs-sweep.ts).
 */
import { mkdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Acl } from '@imgproc/types'
import { TEMP_PREFIX, TRASH_PREFIX } from './node-fs-layout.js'
import { writeBucketInfo } from './node-fs-settings.js'
import { tempName } from './node-fs-temp-names.js'

/** Publishes `<root>/<bucket>` with its settings; false when that folder already exists. */
export async function publishBucketDir(root: string, bucket: string, info: { acl: Acl; createdAt: number }): Promise<boolean> {
  const temp = join(root, tempName(TEMP_PREFIX))
  try {
    await mkdir(join(temp, 'o'), { recursive: true })
    await writeBucketInfo(temp, info)
    await rename(temp, join(root, bucket))
    return true
  } catch (error) {
    // best effort: what stays behind is the sweep's to remove
    await rm(temp, { recursive: true, force: true }).catch(() => {})
    if (['EEXIST', 'ENOTEMPTY'].includes((error as NodeJS.ErrnoException).code ?? '')) return false
    throw error
  }
}

/** Makes `<root>/<bucket>` disappear at once (a rename), then removes its files. */
export async function retireBucketDir(root: string, bucket: string): Promise<void> {
  const trash = join(root, tempName(TRASH_PREFIX))
  await rename(join(root, bucket), trash)
  await rm(trash, { recursive: true, force: true })
}
