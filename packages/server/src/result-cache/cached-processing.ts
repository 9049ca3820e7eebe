/**
 * The result cache in a processed GET/HEAD (routes/process-image.ts), on the request's side of
 * the authorisation line:
 *
 * 1. The route has already checked that the caller may read the source (`readableObject`),
 *    resolved the style (so the style's content, not its name, goes into the key) and answered
 *    If-None-Match. Only then is the cache asked: a caller who may not read the source never
 *    reaches it, whatever the cache holds.
 * 2. A result that drew other objects (watermarks) depends on them. On every hit each one is
 *    looked up again through `ctx.access`, with THIS caller's rights, as a GET of it would be;
 *    one the caller may not read, one that is gone or one whose version changed makes the lookup
 *    a miss, and the uncached path then answers as it always does (403, 404, or a new result).
 * 3. On a miss the job is watched: the source version it read and every object its loader read.
 *    Its output is stored only if it succeeded, the source it read is the version the key names
 *    (an overwrite racing the job is not cached under the old key) and no object it asked for was
 *    missing. Errors are never stored.
 */
import type { ParsedProcess } from '@imgproc/grammar'
import type { ObjectMeta } from '@imgproc/types'
import type { ObjectContext } from '../context.js'
import { isObsFamily } from '../dialect.js'
import type { ObjectAccess, ReadObserver } from '../object-access.js'
import type { ProcessOutput } from '../processor.js'
import type { ResultDependency } from './envelope.js'
import type { ResultCache } from './result-cache.js'
import { canonicalProcess, resultKey, sameVersion, versionOf } from './result-key.js'

/** What the job reads, told by the route's job (runJob), and what becomes of its output. */
export interface ResultRecorder {
  /** the metadata of the source bytes the job read */
  sourceRead(meta: ObjectMeta): void
  /** passed to the job's loader: every other object it read */
  objectRead: ReadObserver
  /** the job succeeded: store its output if everything it read allows */
  finish(output: ProcessOutput): void
}

export interface CacheLookup {
  /**
   * the output to serve: found, and every dependency still holds for this caller. Its body is the
   * cached bytes themselves, shared with every other hit: read-only (a `Reply` whose body is `shared`)
   */
  hit?: ProcessOutput
  /** a miss: watch the job with it */
  recorder?: ResultRecorder
}

/**
 * Looks the result up for a caller who passed the source's ACL check. `process` is the parse of
 * what the job would run (the style's content for `style/<name>`).
 */
export async function lookupResult(ctx: ObjectContext, cache: ResultCache, meta: ObjectMeta, process: ParsedProcess): Promise<CacheLookup> {
  // the job refuses an oversized source; a hit must not serve one either (the limit may have changed)
  if (meta.size > ctx.limits.maxSourceBytes) return {}
  const dialect = isObsFamily(ctx.dialect) ? 'obs' : 'oss'
  const key = resultKey({
    namespace: cache.namespace,
    bucket: ctx.bucket,
    key: ctx.key,
    source: versionOf(meta),
    dialect,
    process: canonicalProcess(process),
  })
  const found = await cache.find(ctx.bucket, ctx.key, key)
  if (found && (await dependenciesHold(ctx.access, found.result.dependencies))) {
    cache.counted('hit', found.tier)
    // not copied per hit: the route answers with a Reply whose body is marked `shared`, which the Node
    // adapter only writes and any other runtime gets as a copy (server-request.ts), so nothing a
    // runtime does with a reply's buffer can reach the bytes other callers get
    return { hit: { body: found.result.body, contentType: found.result.contentType } }
  }
  cache.counted('miss')
  return { recorder: recorderFor(ctx, cache, key, meta) }
}

/** Each dependency readable by this caller, exactly as a GET of it would be, and unchanged. */
async function dependenciesHold(access: ObjectAccess, dependencies: readonly ResultDependency[]): Promise<boolean> {
  for (const dependency of dependencies) {
    try {
      const now = await access.readableMeta(dependency.bucket, dependency.key)
      if (!sameVersion(versionOf(now), dependency.version)) return false
    } catch {
      // refused (403), gone (404) or unreadable: the uncached path gives this caller its answer
      return false
    }
  }
  return true
}

function recorderFor(ctx: ObjectContext, cache: ResultCache, key: string, meta: ObjectMeta): ResultRecorder {
  const expected = versionOf(meta)
  let sourceMatches = false
  let complete = true
  const dependencies = new Map<string, ResultDependency>()
  return {
    sourceRead(read) {
      sourceMatches = sameVersion(versionOf(read), expected)
    },
    objectRead(bucket, objectKey, read) {
      // a result drawn without a missing object would depend on its absence: not cached
      if (read === null) complete = false
      else dependencies.set(JSON.stringify([bucket, objectKey]), { bucket, key: objectKey, version: versionOf(read) })
    },
    finish(output) {
      if (!sourceMatches || !complete) return
      cache.store(ctx.bucket, ctx.key, { key, body: output.body, contentType: output.contentType, dependencies: [...dependencies.values()] })
    },
  }
}
