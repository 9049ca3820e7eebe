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
 * Image work runs through the bounded queue: the source is read only once a slot is free.
 */
import { parse } from '@imgproc/grammar'
import { ImgError, type ObjectMeta } from '@imgproc/types'
import { authorize, effectiveAcl } from '../acl.js'
import { assertObjectName } from '../address.js'
import { checkContentMd5, readBody, readStream } from '../body.js'
import { checkConditions } from '../conditions.js'
import type { ObjectContext } from '../context.js'
import { isObsFamily } from '../dialect.js'
import { obsSaveTarget, processFromPostBody, type SaveAs } from '../process-params.js'
import type { ProcessOutput } from '../processor.js'
import { readableObject } from './object.js'
import { objectHeaders, requireBucket } from './shared.js'
import { noSuchStyle } from './styles.js'

/**
 * Parses the process string with @imgproc/grammar before anything is read (a bad string costs
 * nothing), resolves `style/<name>` to the style's content (parsed too), and splits off
 * `|sys/saveas`. Returns the string the engine runs.
 */
export async function planProcess(ctx: ObjectContext, raw: string, param: string): Promise<{ process: string; saveAs?: SaveAs }> {
  const dialect = isObsFamily(ctx.dialect) ? 'obs' : 'oss'
  const parsed = parse(raw, { dialect, maxLength: ctx.limits.maxProcessLength })
  const saveAs = parsed.saveAs ? { key: parsed.saveAs.object, ...(parsed.saveAs.bucket === undefined ? {} : { bucket: parsed.saveAs.bucket }) } : undefined
  let process = parsed.saveAs ? raw.slice(0, raw.lastIndexOf('|')) : raw
  if (parsed.chain.kind === 'style') {
    const style = await ctx.storage.getStyle(ctx.bucket, parsed.chain.name)
    if (style === null) throw noSuchStyle(parsed.chain.name)
    const inner = parse(style.content, { dialect, maxLength: ctx.limits.maxProcessLength })
    if (inner.chain.kind !== 'image' || inner.saveAs) {
      throw new ImgError('InvalidArgument', `The content of style ${style.name} is not an image process.`, { argument: param, value: style.content.slice(0, 64) })
    }
    process = style.content
  }
  return saveAs ? { process, saveAs } : { process }
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

async function runJob(ctx: ObjectContext, meta: ObjectMeta, process: string): Promise<ProcessOutput> {
  if (meta.size > ctx.limits.maxSourceBytes) {
    throw new ImgError('ImageTooLarge', `The source object is ${meta.size} bytes; the limit is ${ctx.limits.maxSourceBytes}.`)
  }
  const processor = ctx.processor
  if (processor === undefined) throw new ImgError('NotImplemented', 'This server has no image engine configured.')
  return ctx.queue.run(async () => {
    const stored = await ctx.storage.get(ctx.bucket, ctx.key, { signal: ctx.signal })
    if (stored === null || stored.notModified) throw new ImgError('NoSuchKey', undefined, { fields: { Key: ctx.key } })
    const source = await readStream(stored.body, ctx.limits.maxSourceBytes)
    ctx.signal.throwIfAborted()
    return processor.process({
      source,
      process,
      dialect: isObsFamily(ctx.dialect) ? 'obs' : 'oss',
      bucket: ctx.bucket,
      signal: ctx.signal,
    })
  }, ctx.signal)
}

/** Stores a processed result, after the target bucket and ACL checks. */
async function saveResult(ctx: ObjectContext, target: SaveAs, output: ProcessOutput): Promise<string> {
  const bucketName = target.bucket ?? ctx.bucket
  assertObjectName(target.key)
  const bucket = await requireBucket(ctx, bucketName)
  if (ctx.caller.anonymous) {
    const existing = await ctx.storage.head(bucketName, target.key)
    authorize(ctx.caller, 'write', effectiveAcl(bucket.acl, existing?.acl))
  }
  await ctx.storage.put(bucketName, target.key, output.body, { contentType: output.contentType, signal: ctx.signal })
  return bucketName
}

export async function processImage(ctx: ObjectContext): Promise<Response> {
  const obsParam = ctx.query.has('x-image-process')
  const param = obsParam ? 'x-image-process' : 'x-oss-process'
  assertSigned(ctx, param, 'x-image-save-object', 'x-image-save-bucket')
  const raw = ctx.query.get(param) ?? ''
  const saveTarget = obsSaveTarget(ctx.query)
  if (saveTarget && ctx.req.headers.has('range')) {
    throw new ImgError('InvalidArgument', 'A Range header cannot be combined with x-image-save-object.', { argument: 'Range' })
  }
  const { process, saveAs } = await planProcess(ctx, raw, param)
  if (saveAs) throw new ImgError('InvalidArgument', 'sys/saveas is only allowed in a POST request.', { argument: param, value: raw.slice(0, 64) })
  const meta = await readableObject(ctx)
  const headers = objectHeaders(meta, ctx.dialect)
  if (!saveTarget && checkConditions(ctx.req.headers, meta) === 'not-modified') return new Response(null, { status: 304, headers })
  const output = await runJob(ctx, meta, process)
  if (saveTarget) await saveResult(ctx, saveTarget, output)
  headers.set('content-type', output.contentType)
  headers.set('content-length', String(output.body.byteLength))
  headers.delete('accept-ranges')
  return new Response(ctx.method === 'HEAD' ? null : output.body, { status: 200, headers })
}

export async function processSave(ctx: ObjectContext): Promise<Response> {
  const body = await readBody(ctx.req, 64 * 1024)
  ctx.bytesIn += body.byteLength
  checkContentMd5(ctx.req, body)
  const { process, saveAs } = await planProcess(ctx, processFromPostBody(new TextDecoder().decode(body)), 'x-oss-process')
  if (!saveAs) {
    throw new ImgError('InvalidArgument', 'A POST x-oss-process request needs |sys/saveas,o_<base64 key>.', { argument: 'x-oss-process' })
  }
  const meta = await readableObject(ctx)
  const output = await runJob(ctx, meta, process)
  await saveResult(ctx, saveAs, output)
  const reply = { bucket: saveAs.bucket ?? '', fileSize: output.body.byteLength, object: saveAs.key, status: 'OK' }
  return new Response(JSON.stringify(reply), { status: 200, headers: { 'content-type': 'application/json' } })
}
