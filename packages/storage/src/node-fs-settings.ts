/**
 * The small JSON files of the filesystem adapter, each rewritten atomically (temp + fsync +
 * rename): `<bucket>/bucket.json` (ACL, creation time) and `<bucket>/styles.json` (the styles in
 * creation order). Dates are stored as epoch milliseconds.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Acl, BucketInfo, Style } from '@imgproc/types'
import { isMissing, writeAll, writeAtomically } from './node-fs-files.js'

export async function readJson<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T
  } catch (error) {
    if (isMissing(error)) return undefined
    throw error
  }
}

export async function writeJson(path: string, value: unknown): Promise<void> {
  const bytes = new TextEncoder().encode(JSON.stringify(value))
  await writeAtomically(path, (handle) => writeAll(handle, bytes))
}

export async function readBucketInfo(bucketDir: string, bucket: string): Promise<BucketInfo | null> {
  const saved = await readJson<{ acl: Acl; createdAt: number }>(join(bucketDir, 'bucket.json'))
  if (!saved) return null
  return { name: bucket, acl: saved.acl, createdAt: new Date(saved.createdAt) }
}

export async function writeBucketInfo(bucketDir: string, info: { acl: Acl; createdAt: number }): Promise<void> {
  await writeJson(join(bucketDir, 'bucket.json'), { acl: info.acl, createdAt: info.createdAt })
}

export async function readStyles(bucketDir: string): Promise<Style[]> {
  const saved = await readJson<Array<Style & { createdAt: number; lastModified: number }>>(join(bucketDir, 'styles.json'))
  return (saved ?? []).map((s) => ({ ...s, createdAt: new Date(s.createdAt), lastModified: new Date(s.lastModified) }))
}

export async function writeStyles(bucketDir: string, styles: Style[]): Promise<void> {
  const plain = styles.map((s) => ({ ...s, createdAt: s.createdAt.getTime(), lastModified: s.lastModified.getTime() }))
  await writeJson(join(bucketDir, 'styles.json'), plain)
}
