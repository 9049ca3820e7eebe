/**
 * Reading S3's XML replies with fast-xml-parser (a well-kept, dependency-free parser that runs in
 * every runtime; S3 XML has entities, CDATA-free text and repeated elements that a regex would
 * get wrong). Values are kept as strings; elements that may repeat are always arrays.
 */
import { XMLParser } from 'fast-xml-parser'

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  isArray: (name) => ['Contents', 'CommonPrefixes', 'Bucket', 'Part'].includes(name),
})

type Node = Record<string, unknown>

export function parseXml(text: string): Node {
  return parser.parse(text) as Node
}

const text = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value))

export interface S3ErrorBody {
  code: string
  message: string
}

export function parseError(body: string): S3ErrorBody | undefined {
  try {
    const error = parseXml(body).Error as Node | undefined
    if (!error) return undefined
    return { code: text(error.Code), message: text(error.Message) }
  } catch {
    return undefined
  }
}

export interface S3ListPage {
  contents: Array<{ key: string; size: number; etag: string; lastModified: Date }>
  commonPrefixes: string[]
  nextContinuationToken?: string
}

/** ListObjectsV2 with `encoding-type=url`: keys and prefixes come URL-encoded. */
export function parseListV2(body: string): S3ListPage {
  const result = (parseXml(body).ListBucketResult ?? {}) as Node
  const encoded = text(result.EncodingType) === 'url'
  const decode = (value: unknown) => (encoded ? decodeURIComponent(text(value).replace(/\+/g, ' ')) : text(value))
  const contents = ((result.Contents as Node[] | undefined) ?? []).map((item) => ({
    key: decode(item.Key),
    size: Number(text(item.Size)),
    etag: stripQuotes(text(item.ETag)),
    lastModified: new Date(text(item.LastModified)),
  }))
  const commonPrefixes = ((result.CommonPrefixes as Node[] | undefined) ?? []).map((item) => decode(item.Prefix))
  const truncated = text(result.IsTruncated) === 'true'
  const token = text(result.NextContinuationToken)
  return { contents, commonPrefixes, ...(truncated && token ? { nextContinuationToken: token } : {}) }
}

export function parseListBuckets(body: string): Array<{ name: string; createdAt: Date }> {
  const result = (parseXml(body).ListAllMyBucketsResult ?? {}) as Node
  const buckets = ((result.Buckets as Node | undefined)?.Bucket as Node[] | undefined) ?? []
  return buckets.map((b) => ({ name: text(b.Name), createdAt: new Date(text(b.CreationDate)) }))
}

export function parseUploadId(body: string): string {
  return text((parseXml(body).InitiateMultipartUploadResult as Node | undefined)?.UploadId)
}

export function completeMultipartXml(parts: Array<{ partNumber: number; etag: string }>): string {
  const items = parts.map((p) => `<Part><PartNumber>${p.partNumber}</PartNumber><ETag>"${p.etag}"</ETag></Part>`).join('')
  return `<?xml version="1.0" encoding="UTF-8"?><CompleteMultipartUpload>${items}</CompleteMultipartUpload>`
}

export function stripQuotes(etag: string): string {
  return etag.replace(/^W\//, '').replace(/^"(.*)"$/, '$1')
}
