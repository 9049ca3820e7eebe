/**
 * Image styles (spec 6): PutStyle, GetStyle, ListStyle, DeleteStyle on `?style[&styleName=]`.
 *
 * - Names: 1-63 of `A-Za-z0-9_.-`, else 400 InvalidArgument (OSS's wording).
 * - Content: any non-empty text up to the process-length limit; OSS stores it unvalidated
 *   (oss2's test stores `csdar5324`), so a bad style fails when used, not when put.
 * - At most `limits.maxStyles` per bucket (100 by default): one more is 400 TooManyStyles;
 *   overwriting an existing name is always allowed.
 * - Missing style: 404 NoSuchStyle; DeleteStyle of a missing name still answers 204.
 */
import { ImgError, type Style } from '@imgproc/types'
import { authorize } from '../acl.js'
import { readText } from '../body.js'
import type { BucketContext } from '../context.js'
import { assertStyleName } from '../process-params.js'
import { parseXml, xmlResponse, type XmlTree } from '../xml/xml.js'
import { requireBucket } from './shared.js'

function styleXml(style: Style): XmlTree {
  return {
    Name: style.name,
    Content: style.content,
    Category: style.category,
    CreateTime: style.createdAt.toUTCString(),
    LastModifyTime: style.lastModified.toUTCString(),
  }
}

export function noSuchStyle(name: string): ImgError {
  return new ImgError('NoSuchStyle', undefined, { fields: { StyleName: name } })
}

export async function putStyle(ctx: BucketContext): Promise<Response> {
  authorize(ctx.caller, 'owner', 'private')
  const name = assertStyleName(ctx.query.get('styleName'))
  await requireBucket(ctx)
  const text = await readText(ctx.req, 64 * 1024)
  ctx.bytesIn += text.length
  const doc = parseXml(text) as { Style?: { Content?: unknown; Category?: unknown } }
  const content = typeof doc.Style?.Content === 'string' ? doc.Style.Content.trim() : ''
  if (content === '' || content.length > ctx.limits.maxProcessLength) {
    throw new ImgError('InvalidArgument', 'Style content is invalid.', { argument: 'content', value: content.slice(0, 100) })
  }
  const existing = await ctx.storage.listStyles(ctx.bucket)
  if (!existing.some((style) => style.name === name) && existing.length >= ctx.limits.maxStyles) {
    throw new ImgError('TooManyStyles', `The number of styles in the bucket exceeds the limit of ${ctx.limits.maxStyles}.`)
  }
  const category = typeof doc.Style?.Category === 'string' && doc.Style.Category !== '' ? doc.Style.Category : 'image'
  await ctx.storage.putStyle(ctx.bucket, { name, content, category })
  return new Response(null, { status: 200 })
}

export async function getStyle(ctx: BucketContext): Promise<Response> {
  authorize(ctx.caller, 'owner', 'private')
  const name = assertStyleName(ctx.query.get('styleName'))
  await requireBucket(ctx)
  const style = await ctx.storage.getStyle(ctx.bucket, name)
  if (style === null) throw noSuchStyle(name)
  return xmlResponse({ Style: styleXml(style) })
}

export async function listStyles(ctx: BucketContext): Promise<Response> {
  authorize(ctx.caller, 'owner', 'private')
  await requireBucket(ctx)
  const styles = await ctx.storage.listStyles(ctx.bucket)
  return xmlResponse({ StyleList: { Style: styles.map(styleXml) } })
}

export async function deleteStyle(ctx: BucketContext): Promise<Response> {
  authorize(ctx.caller, 'owner', 'private')
  const name = assertStyleName(ctx.query.get('styleName'))
  await requireBucket(ctx)
  await ctx.storage.deleteStyle(ctx.bucket, name)
  return new Response(null, { status: 204 })
}
