/**
 * Image processing over HTTP:
 *
 * - `GET ?x-oss-process=image/...|style/<name>` (OSS) and `GET ?x-image-process=...` (OBS):
 *   the processed bytes with the output's Content-Type and the SOURCE ETag (spec 3); a matching
 *   If-None-Match answers 304 without any image work.
 * - OBS persistence: `x-image-save-object` (+ `x-image-save-bucket`), base64, saves the result
 *   and also returns it (the reply body is unspecified by OBS; returning the image is our choice).
 *   A Range header together with persistence is refused (400 InvalidArgument).
 * - `POST ?x-oss-process` with `...|sys/saveas,o_,b_` in the body (spec 7): JSON
 *   `{"bucket","fileSize","object","status":"OK"}`.
 *
 * Every object read or written (source, watermarks, saveas target) goes through `ctx.access`, with
 * the caller's rights. Image work runs through the bounded queue: the source is read only once a
 * slot is free, and its planned peak memory is reserved before it is decoded.
 *
 * Processed GET/HEAD results are cached (result-cache/): looked up only after the source's ACL
 * check and style resolution, with dependencies re-checked for the caller; a hit takes no place in
 * the queue. Persistence (`x-image-save-*`, POST saveas) always runs the job and writes.
 */
import { parse, type ParsedProcess } from '@imgproc/grammar'
import { ImgError, type ObjectMeta } from '@imgproc/types'
import { assertObjectName } from '../address.js'
import { checkContentMd5, readBody } from '../body.js'
import { checkConditions } from '../conditions.js'
import type { ObjectContext } from '../context.js'
import { isObsFamily } from '../dialect.js'
import { obsSaveTarget, processFromPostBody, type SaveAs } from '../process-params.js'
import { runImageJob } from '../image-job.js'
import type { ProcessOutput } from '../processor.js'
import type { Admission } from '../work-queue.js'
import { lookupResult, type ResultRecorder } from '../result-cache/cached-processing.js'
import { readableObject } from './object.js'
import { Reply, type BodyHolders } from '../server-request.js'
import { objectHeaderRecord } from './shared.js'
import { noSuchStyle } from './styles.js'

interface PlannedProcess {
  /** the parse of `process` (without `|sys/saveas`), handed to the job so nothing parses it again */
  parsed: ParsedProcess
  /** the string the engine runs, without `|sys/saveas` */
  process: string
  saveAs?: SaveAs
}

/** The image process a job runs: the string (styles resolved) and its parse. */
type JobProcess = Pick<PlannedProcess, 'process' | 'parsed'>

/** Parses the process string with @imgproc/grammar before anything is read: a bad string costs nothing. */
function parseProcess(ctx: ObjectContext, raw: string): PlannedProcess {
  const dialect = isObsFamily(ctx.dialect) ? 'obs' : 'oss'
  const { saveAs: target, ...unsaved } = parse(raw, { dialect, maxLength: ctx.limits.maxProcessLength })
  const saveAs = target ? { key: target.object, ...(target.bucket === undefined ? {} : { bucket: target.bucket }) } : undefined
  const process = target ? raw.slice(0, raw.lastIndexOf('|')) : raw
  // the saveas segment is last, so every span of the chain still points into the shortened string
  const parsed = target ? { ...unsaved, source: process } : unsaved
  return saveAs ? { parsed, process, saveAs } : { parsed, process }
}

/**
 * `style/<name>` becomes the style's content (parsed too). Called only once the caller may read
 * the source, so a style's existence is not revealed to anyone who may not use it.
 */
async function resolveStyle(ctx: ObjectContext, planned: PlannedProcess, param: string): Promise<JobProcess> {
  if (planned.parsed.chain.kind !== 'style') return planned
  const dialect = isObsFamily(ctx.dialect) ? 'obs' : 'oss'
  const style = await ctx.storage.getStyle(ctx.bucket, planned.parsed.chain.name)
  if (style === null) throw noSuchStyle(planned.parsed.chain.name)
  const inner = parse(style.content, { dialect, maxLength: ctx.limits.maxProcessLength })
  if (inner.chain.kind !== 'image' || inner.saveAs) {
    throw new ImgError('InvalidArgument', `The content of style ${style.name} is not an image process.`, { argument: param, value: style.content.slice(0, 64) })
  }
  return { process: style.content, parsed: inner }
}

/** A parameter that changes the result must be covered by the signature of a signed request. */
function assertSigned(ctx: ObjectContext, ...names: string[]): void {
  if (ctx.caller.anonymous) return
  for (const name of names) {
    if (ctx.query.has(name) && !ctx.caller.signedParams.has(name)) {
      throw new ImgError('AccessDenied', `The parameter ${name} is not covered by the request signature.`)
    }
  }
}

/** The image work of a processed GET or POST: the source read with the caller's rights (image-job.ts). */
async function runJob(ctx: ObjectContext, meta: ObjectMeta, { process, parsed }: JobProcess, admission: Admission, recorder?: ResultRecorder): Promise<ProcessOutput> {
  if (meta.size > ctx.limits.maxSourceBytes) {
    throw new ImgError('ImageTooLarge', `The source object is ${meta.size} bytes; the limit is ${ctx.limits.maxSourceBytes}.`)
  }
  return runImageJob(ctx, {
    readSource: async () => {
      const read = await ctx.access.readBytes(ctx.bucket, ctx.key)
      recorder?.sourceRead(read.meta)
      return read.bytes
    },
    openSource: async () => {
      const opened = await ctx.access.readableFile(ctx.bucket, ctx.key)
      if (opened) recorder?.sourceRead(opened.meta)
      return opened?.file
    },
    process,
    parsed,
    dialect: isObsFamily(ctx.dialect) ? 'obs' : 'oss',
    loadObject: ctx.access.loader(ctx.bucket, recorder?.objectRead),
  }, admission)
}

/** The bucket a result is saved to, after the write check (made before any image work). */
async function writableTarget(ctx: ObjectContext, target: SaveAs): Promise<string> {
  const bucket = target.bucket ?? ctx.bucket
  assertObjectName(target.key)
  await ctx.access.assertWritable(bucket, target.key)
  return bucket
}

export async function processImage(ctx: ObjectContext): Promise<Reply> {
  const obsParam = ctx.query.has('x-image-process')
  const param = obsParam ? 'x-image-process' : 'x-oss-process'
  assertSigned(ctx, param, 'x-image-save-object', 'x-image-save-bucket')
  const raw = ctx.query.get(param) ?? ''
  const saveTarget = obsSaveTarget(ctx.query)
  if (saveTarget && ctx.req.headers.has('range')) {
    throw new ImgError('InvalidArgument', 'A Range header cannot be combined with x-image-save-object.', { argument: 'Range' })
  }
  const planned = parseProcess(ctx, raw)
  if (planned.saveAs) throw new ImgError('InvalidArgument', 'sys/saveas is only allowed in a POST request.', { argument: param, value: raw.slice(0, 64) })
  // a result the cache may hold is looked up (after the ACL check) before taking a place in the
  // queue, so hits never wait behind image work; otherwise the queue decides first, before any
  // storage read, as without a cache
  const cached = saveTarget ? false : ctx.resultCache?.mayHold(ctx.bucket, ctx.key) === true
  let admission = cached ? undefined : ctx.queue.admit()
  try {
    return await processAdmitted(ctx, planned, param, saveTarget, () => (admission ??= ctx.queue.admit()))
  } finally {
    admission?.release()
  }
}

async function processAdmitted(ctx: ObjectContext, planned: PlannedProcess, param: string, saveTarget: SaveAs | undefined, admit: () => Admission): Promise<Reply> {
  const meta = await readableObject(ctx)
  const job = await resolveStyle(ctx, planned, param)
  const headers = objectHeaderRecord(meta, ctx.dialect, { acceptRanges: false })
  // a 304 repeats the source's headers, Accept-Ranges among them
  if (!saveTarget && checkConditions(ctx.req.headers, meta) === 'not-modified') return new Reply(304, { ...headers, 'accept-ranges': 'bytes' })
  const cache = saveTarget ? undefined : ctx.resultCache
  const lookup = cache ? await lookupResult(ctx, cache, meta, job.parsed) : undefined
  if (lookup?.hit) return processedReply(ctx, headers, lookup.hit, 'shared')
  const saveBucket = saveTarget ? await writableTarget(ctx, saveTarget) : undefined
  const output = await runJob(ctx, meta, job, admit(), lookup?.recorder)
  lookup?.recorder?.finish(output)
  if (saveTarget && saveBucket) await ctx.storage.put(saveBucket, saveTarget.key, output.body, { contentType: output.contentType, signal: ctx.signal })
  // the result cache keeps a copy; a storage adapter may keep the very bytes a saveas wrote
  const owned = output.ownsBuffer && !saveTarget
  return processedReply(ctx, headers, output, owned ? 'owned' : 'lent')
}

/**
 * The same reply for a computed and a cached result: the source's headers (no Accept-Ranges), the
 * output's type and length. A plain `Reply` (server-request.ts), which the Node adapter writes
 * without a Web `Response`; a cached result's bytes are marked shared (copied only if they become
 * a Response), a computed one's owned when no one else holds them (freed once sent).
 */
function processedReply(ctx: ObjectContext, headers: Record<string, string>, output: ProcessOutput, holders: BodyHolders): Reply {
  headers['content-type'] = output.contentType
  headers['content-length'] = String(output.body.byteLength)
  return new Reply(200, headers, ctx.method === 'HEAD' ? null : output.body, holders)
}

export async function processSave(ctx: ObjectContext): Promise<Response> {
  const body = await readBody(ctx.req, 64 * 1024)
  ctx.bytesIn += body.byteLength
  checkContentMd5(ctx.req, body)
  const planned = parseProcess(ctx, processFromPostBody(new TextDecoder().decode(body)))
  const saveAs = planned.saveAs
  if (!saveAs) {
    throw new ImgError('InvalidArgument', 'A POST x-oss-process request needs |sys/saveas,o_<base64 key>.', { argument: 'x-oss-process' })
  }
  const admission = ctx.queue.admit()
  try {
    const meta = await readableObject(ctx)
    const job = await resolveStyle(ctx, planned, 'x-oss-process')
    const saveBucket = await writableTarget(ctx, saveAs)
    const output = await runJob(ctx, meta, job, admission)
    await ctx.storage.put(saveBucket, saveAs.key, output.body, { contentType: output.contentType, signal: ctx.signal })
    const reply = { bucket: saveAs.bucket ?? '', fileSize: output.body.byteLength, object: saveAs.key, status: 'OK' }
    return new Response(JSON.stringify(reply), { status: 200, headers: { 'content-type': 'application/json' } })
  } finally {
    admission.release()
  }
}
