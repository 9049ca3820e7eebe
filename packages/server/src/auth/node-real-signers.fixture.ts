/**
 * Requests signed by the official clients' OWN code, for tests that must sign exactly as they
 * do: esdk-obs-nodejs 3.26.8 (`Utils.makeParam` + `Utils.doAuth` for the Authorization header,
 * `createSignedUrlSync` for URLs) and ali-oss 6.23.0 (`createRequest`, which signs V1 or V4
 * headers, and `signatureUrl` / `signatureUrlV4`). Nothing is sent: each helper returns what the
 * client would put on the wire. Node-only, because both clients are CommonJS on node:crypto.
 */
import { createRequire } from 'node:module'
import type { AuthTarget } from './types.js'

/** What a client puts on the wire: the URL and the headers (Host included). */
export interface SignedRequest {
  url: string
  headers: Record<string, string>
}

/** Query parameters in the order the client is given them. */
export type QueryParams = Readonly<Record<string, string>>

export type ObsDialect = 'obs' | 'aws'

export interface EsdkSigner {
  /**
   * A GET signed with `OBS ak:sig` / `AWS ak:sig`. `spell` writes each value on the wire; by
   * default esdk's own encoding (`=` as `%3D`). Another spelling is signed by esdk's own code too,
   * which splits on EVERY `=` and so signs only the name of a value spelt with a raw `=`.
   */
  header(bucket: string, key: string, query: QueryParams, options?: { date?: Date; spell?: (value: string) => string }): SignedRequest
  /** `createSignedUrlSync` (expires in `expires` seconds from the real clock). */
  url(bucket: string, key: string, query: QueryParams, expires?: number): string
  /** esdk's `encodeURIWithSafe(text, '/')`, the encoding of every query value it sends. */
  encode(text: string): string
}

interface EsdkOpt {
  uri: string
  requestUri?: string
  urlPath: string
  headers: Record<string, string>
}
interface EsdkUtil {
  signatureContext: object
  makeParam(method: string, param: Record<string, unknown>): EsdkOpt
  doAuth(opt: EsdkOpt, method: string, signatureContext: object): void
  encodeURIWithSafe(text: string, safe: string): string
}
interface EsdkClient {
  util: EsdkUtil
  createSignedUrlSync(params: Record<string, unknown>): { SignedUrl: string }
}
interface AliOssClient {
  signatureUrl(name: string, options: { process?: string; subResource?: QueryParams; expires?: number }): string
  signatureUrlV4(method: string, expires: number, request: { headers: object; queries: QueryParams }, name: string): Promise<string>
}
type CreateRequest = (this: AliOssClient, params: Record<string, unknown>) => { url: string; params: { headers: Record<string, unknown> } }

const require = createRequire(import.meta.url)
const ObsClient = require('esdk-obs-nodejs') as new (options: Record<string, unknown>) => EsdkClient
const OSS = require('ali-oss') as new (options: Record<string, unknown>) => AliOssClient
const { createRequest } = require('ali-oss/lib/common/utils/createRequest') as { createRequest: CreateRequest }

/**
 * esdk signing in one dialect: `aws` is path style on 127.0.0.1 (esdk forces V2 AWS there),
 * `obs` is virtual host on localhost with negotiation off (clients-wire §0).
 */
export async function esdkSigner(dialect: ObsDialect): Promise<EsdkSigner> {
  const server = dialect === 'aws' ? 'http://127.0.0.1' : 'http://localhost'
  const client = new ObsClient({ access_key_id: 'ak', secret_access_key: 'sk', server, is_signature_negotiation: false })
  await new Promise((resolve) => setImmediate(resolve)) // the constructor finishes one tick later
  const { util } = client
  const encode = (text: string) => util.encodeURIWithSafe(text, '/')
  return {
    encode,
    header(bucket, key, query, { date = new Date(), spell = encode } = {}) {
      const opt = util.makeParam('GetObject', { Bucket: bucket, Key: key })
      // what makeParam itself appends for each urlPath parameter it knows
      for (const [name, value] of Object.entries(query)) opt.urlPath += `${opt.urlPath === '' ? '?' : '&'}${encode(name)}=${spell(value)}`
      opt.headers.Date = date.toUTCString()
      util.doAuth(opt, 'GetObject', util.signatureContext)
      const { Host: host, Date: dateHeader, Authorization: authorization } = opt.headers
      return { url: `http://${host}${opt.requestUri ?? opt.uri}${opt.urlPath}`, headers: { host, date: dateHeader, authorization } }
    },
    url: (bucket, key, query, expires = 600) =>
      client.createSignedUrlSync({ Method: 'GET', Bucket: bucket, Key: key, Expires: expires, QueryParams: query }).SignedUrl,
  }
}

function aliOss(bucket: string, v4: boolean): AliOssClient {
  const region = v4 ? { authorizationV4: true, region: 'oss-cn-hangzhou' } : {}
  return new OSS({ accessKeyId: 'ak', accessKeySecret: 'sk', bucket, endpoint: 'http://localhost', sldEnable: true, ...region })
}

/**
 * A GET signed by ali-oss in the header (V1 `OSS ak:sig`, or V4 with `v4`), path style.
 * `subres` values are sub-resources (V1 signs them, `''` bare); `query` values are plain
 * parameters (V1 leaves them out, V4 signs them as `k=`).
 */
export function aliOssHeaderRequest(
  bucket: string,
  key: string,
  params: { v4?: boolean; subres?: QueryParams; query?: QueryParams },
): SignedRequest {
  const { url, params: request } = createRequest.call(aliOss(bucket, params.v4 ?? false), {
    method: 'GET',
    bucket,
    object: key,
    subres: { ...params.subres },
    query: params.query,
  })
  const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]))
  return { url, headers: { ...headers, host: new URL(url).host } }
}

/** ali-oss `signatureUrl` (V1) with sub-resources, or `signatureUrlV4` with the same parameters as queries. */
export function aliOssSignedUrl(bucket: string, key: string, query: QueryParams, v4 = false): Promise<string> {
  const client = aliOss(bucket, v4)
  if (v4) return client.signatureUrlV4('GET', 600, { headers: {}, queries: query }, key)
  return Promise.resolve(client.signatureUrl(key, { subResource: { ...query }, expires: 600 }))
}

/** The router's job, reduced to what these tests need: `<bucket>.` in the Host, else path style. */
export function routedTarget(url: URL, bucket: string): AuthTarget {
  const path = decodeURIComponent(url.pathname)
  if (url.hostname.startsWith(`${bucket}.`)) return { bucket, key: path.slice(1) || undefined }
  const [first, ...rest] = path.slice(1).split('/')
  return { bucket: first || undefined, key: rest.join('/') || undefined }
}

/** `url` with every `name=…` segment's value replaced by `wireValue`, written exactly as given. */
export function withQueryValue(url: string, name: string, wireValue: string): string {
  const parsed = new URL(url)
  const segments = parsed.search.slice(1).split('&')
  const search = segments.map((segment) => (segment.split('=')[0] === name ? `${name}=${wireValue}` : segment)).join('&')
  return `${parsed.origin}${parsed.pathname}?${search}`
}

/** An encoded value with every `%3D` turned back into a raw `=` (base64 padding as a hand-made client may send it). */
export const rawEquals = (encoded: string): string => encoded.replace(/%3D/gi, '=')

/** Two wire spellings of one value: fully encoded, and with every `=` left raw. Both decode to `value`. */
export const wireSpellings = (value: string): string[] => [encodeURIComponent(value), rawEquals(encodeURIComponent(value))]

/** A signed request or URL replayed with another wire value for `name` (headers unchanged). */
export function replayedWith(request: SignedRequest | string, name: string, wireValue: string): SignedRequest | string {
  if (typeof request === 'string') return withQueryValue(request, name, wireValue)
  return { ...request, url: withQueryValue(request.url, name, wireValue) }
}

/** The fetch Request for a signed request or URL. */
export function toRequest(request: SignedRequest | string): Request {
  return typeof request === 'string' ? new Request(request) : new Request(request.url, { headers: request.headers })
}
