/**
 * A bucket's styles as one object in the store, `.imgproc/styles.json` (in creation order), changed
 * only by compare-and-swap: read it with its ETag, compute the new list, PUT it back with
 * `If-Match: <etag>` (or `If-None-Match: *` when it does not exist yet); a 412 means another
 * replica changed it in between, so read again and retry.
 *
 * WHY one object: the style limit (100) is a property of the whole set. With one object per
 * style, two replicas each counting 99 and each adding a name would store 101. With the set in one
 * object, every change is checked against the very version it replaces, so the count can never
 * pass the limit however many replicas race, and no concurrent change is lost. Ceph RGW (16.2
 * tested), AWS S3 (since 2024), MinIO and R2 evaluate these conditions atomically.
 *
 * Within one adapter, changes to a bucket's styles run one at a time (a per-bucket queue), so the
 * store only sees contention between replicas, and a retry loop rarely spins.
 */
import { ImgError } from '@imgproc/types'
import type { Style } from '@imgproc/types'
import { RESERVED_PREFIX } from '../names.js'
import { bareEtag } from '../conditions.js'
import { s3Error } from './client.js'
import type { S3Client } from './client.js'

export const STYLE_INDEX_KEY = `${RESERVED_PREFIX}styles.json`
/** where a store's support for conditional writes is checked once (see probe below) */
export const PROBE_KEY = `${RESERVED_PREFIX}conditional-write-probe`

type StoredStyle = Omit<Style, 'createdAt' | 'lastModified'> & { createdAt: number; lastModified: number }
const fromStored = (s: StoredStyle): Style => ({ ...s, createdAt: new Date(s.createdAt), lastModified: new Date(s.lastModified) })
const toStored = (s: Style): StoredStyle => ({ ...s, createdAt: s.createdAt.getTime(), lastModified: s.lastModified.getTime() })

export interface StyleSnapshot {
  styles: Style[]
  /** bare ETag of the index, null when it does not exist (no style ever stored) */
  etag: string | null
}

/** What a change decides: the new list (or `undefined` for "nothing to write") and the answer. */
export interface StyleChange<T> {
  styles?: Style[]
  result: T
}

export interface StyleIndexOptions {
  /** false: plain overwrites, for stores without conditional PUT (one style-writing replica only) */
  conditionalWrites?: boolean
  /** compare-and-swap rounds before giving up with SlowDown, default 12 */
  maxAttempts?: number
}

export interface StyleIndex {
  read(bucket: string): Promise<StyleSnapshot>
  /** applies `change` to the current list, atomically with respect to every other replica */
  update<T>(bucket: string, change: (styles: Style[]) => StyleChange<T>): Promise<T>
}

export async function readStyleIndex(client: S3Client, bucket: string): Promise<StyleSnapshot> {
  const response = await client.send({ method: 'GET', bucket, key: STYLE_INDEX_KEY })
  if (response.status === 404) {
    const error = await s3Error(response, { bucket })
    if (error.code === 'NoSuchKey') return { styles: [], etag: null }
    throw error
  }
  if (!response.ok) throw await s3Error(response, { bucket })
  const etag = bareEtag(response.headers.get('etag') ?? '')
  const stored = JSON.parse(await response.text()) as { styles: StoredStyle[] }
  return { styles: stored.styles.map(fromStored), etag }
}

export function createStyleIndex(client: S3Client, options: StyleIndexOptions = {}): StyleIndex {
  const conditional = options.conditionalWrites ?? true
  const maxAttempts = options.maxAttempts ?? 12
  const queues = new Map<string, Promise<unknown>>()
  // RGW 16 compares If-Match with the bare ETag only (a quoted one always fails); RFC 7232 and
  // some stores want it quoted. Start bare; switch when a 412 comes back for an unchanged ETag.
  let quoteIfMatch = false
  let probed: Promise<void> | undefined

  /** Runs `task` after every earlier change of `bucket` in this adapter has finished. */
  function serialised<T>(bucket: string, task: () => Promise<T>): Promise<T> {
    const previous = queues.get(bucket) ?? Promise.resolve()
    const run = previous.then(task, task)
    const settled = run.then(() => undefined, () => undefined)
    queues.set(bucket, settled)
    void settled.then(() => {
      if (queues.get(bucket) === settled) queues.delete(bucket)
    })
    return run
  }

  /** PUT with the condition; false when the store refused it (someone else changed the index). */
  async function write(bucket: string, styles: Style[], etag: string | null): Promise<boolean> {
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (conditional) {
      if (etag === null) headers['if-none-match'] = '*'
      else headers['if-match'] = quoteIfMatch ? `"${etag}"` : etag
    }
    const body = JSON.stringify({ styles: styles.map(toStored) })
    const response = await client.send({ method: 'PUT', bucket, key: STYLE_INDEX_KEY, body, headers })
    // 409 ConditionalRequestConflict: AWS's answer when two conditional writes overlap
    if (conditional && (response.status === 412 || response.status === 409)) {
      await response.body?.cancel()
      return false
    }
    if (!response.ok) throw await s3Error(response, { bucket })
    await response.body?.cancel()
    return true
  }

  /**
   * Once per adapter: a store that ignores `If-Match` would turn every compare-and-swap into a
   * blind overwrite and lose styles silently. A PUT that must fail (If-Match on an ETag no
   * object has) tells: 412 or 404 = supported; a success = ignored, so refuse to write styles.
   */
  function probe(bucket: string): Promise<void> {
    probed ??= (async () => {
      const response = await client.send({
        method: 'PUT', bucket, key: PROBE_KEY, body: '', headers: { 'if-match': '00000000000000000000000000000000' },
      })
      if (response.ok) {
        await response.body?.cancel()
        await (await client.send({ method: 'DELETE', bucket, key: PROBE_KEY })).body?.cancel()
        throw new ImgError('NotImplemented', 'The object store ignores conditional writes (If-Match); styles need them to stay consistent across replicas. Set conditionalWrites: false (IMGPROC_S3_CONDITIONAL_WRITES=0) and let a single replica write styles.')
      }
      if (response.status === 412) return void (await response.body?.cancel())
      // 404 NoSuchKey (AWS: If-Match on a missing key) means supported; NoSuchBucket is no answer
      const error = await s3Error(response, { bucket })
      if (error.code !== 'NoSuchKey') throw error
    })().catch((error: unknown) => {
      probed = undefined // a network failure is not an answer: ask again next time
      throw error
    })
    return probed
  }

  return {
    read: (bucket) => readStyleIndex(client, bucket),

    update(bucket, change) {
      return serialised(bucket, async () => {
        if (conditional) await probe(bucket)
        let current = await readStyleIndex(client, bucket)
        for (let attempt = 1; attempt <= maxAttempts; attempt++) {
          const decided = change(current.styles)
          if (!decided.styles) return decided.result
          if (await write(bucket, decided.styles, current.etag)) return decided.result
          // jittered backoff: replicas that collided do not collide again in lockstep
          await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(500, 10 * 2 ** attempt)))
          const next = await readStyleIndex(client, bucket)
          if (current.etag !== null && next.etag === current.etag) quoteIfMatch = !quoteIfMatch
          current = next
        }
        throw new ImgError('SlowDown', 'The bucket\'s styles are being changed by other requests; try again.', { retryAfterSeconds: 1 })
      })
    },
  }
}
