// Signatures made by the REAL official clients (ali-oss 6.23.0, esdk-obs-nodejs 3.26.8), sent to
// a loopback server that authenticates them with our code. Header-signed calls go over HTTP;
// signed URLs are verified directly (no network needed).
import { once } from 'node:events'
import { Agent, createServer, type Server } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { isImgError } from '@imgproc/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAuthenticator } from './authenticator.js'
import { createMemoryCredentialStore } from './credentials.js'
import type { AuthTarget, Caller } from './types.js'

// Neither client ships types; these are the few members the tests call (loaded with require so
// no global module declaration can clash with a future @types package).
interface OssResult {
  res: { status: number }
}
interface OssClient {
  get(name: string, options?: { process?: string }): Promise<OssResult>
  put(name: string, body: Uint8Array): Promise<OssResult>
  head(name: string): Promise<OssResult>
  delete(name: string): Promise<OssResult>
  putBucketACL(name: string, acl: string): Promise<OssResult>
  request(params: Record<string, unknown>): Promise<OssResult>
  signatureUrl(name: string, options: { process?: string; expires?: number }): string
  signatureUrlV4(method: string, expires: number, request: { headers: object; queries: object }, name: string): Promise<string>
}
interface ObsResult {
  CommonMsg: { Status: number; Code?: string }
  InterfaceResult?: { Content?: { resume?: () => void } }
}
interface ObsClientInstance {
  getObject(params: Record<string, unknown>): Promise<ObsResult>
  putObject(params: Record<string, unknown>): Promise<ObsResult>
  setObjectAcl(params: Record<string, unknown>): Promise<ObsResult>
  setBucketAcl(params: Record<string, unknown>): Promise<ObsResult>
  createSignedUrlSync(params: Record<string, unknown>): { SignedUrl: string }
}
const require = createRequire(import.meta.url)
const OSS = require('ali-oss') as new (options: Record<string, unknown>) => OssClient
const ObsClient = require('esdk-obs-nodejs') as new (options: Record<string, unknown>) => ObsClientInstance

const BUCKET = 'bkt'
const KEY = 'dir/a b+ü(1).jpg'
const PROCESS = 'image/resize,w_100/format,png'
const authenticate = createAuthenticator({ credentials: createMemoryCredentialStore({ ak: 'sk' }) })

/** The router's job, reduced to what the tests need: bucket from `<bucket>.` in Host, else path style. */
function resolveTarget(url: URL): AuthTarget {
  const path = decodeURIComponent(url.pathname)
  if (url.hostname.startsWith(`${BUCKET}.`)) return { bucket: BUCKET, key: path.slice(1) || undefined }
  const [bucket, ...rest] = path.slice(1).split('/')
  return { bucket: bucket || undefined, key: rest.join('/') || undefined }
}

let server: Server
let port = 0
const seen: Caller[] = []

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const url = new URL(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`)
    const headers = new Headers()
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value)
    try {
      seen.push(await authenticate(new Request(url, { method: req.method, headers }), resolveTarget(url)))
      res.writeHead(req.method === 'DELETE' ? 204 : 200, { 'content-type': 'application/octet-stream', etag: '"0"' })
      res.end(req.method === 'GET' ? 'body' : undefined)
    } catch (error) {
      if (!isImgError(error)) throw error
      res.writeHead(error.status, { 'content-type': 'application/xml' })
      res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${error.code}</Code><Message>${error.message}</Message><RequestId>0</RequestId><HostId>h</HostId></Error>`)
    }
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  port = (server.address() as AddressInfo).port
})

afterAll(() => new Promise<void>((done) => server.close(() => done())))

const lastCaller = () => seen[seen.length - 1]
const toLocalhost = new Agent({ lookup: (_host, options, callback) => (options.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4)) })

describe('ali-oss 6.23.0', () => {
  const client = (extra: Record<string, unknown> = {}) =>
    new OSS({ accessKeyId: 'ak', accessKeySecret: 'sk', bucket: BUCKET, endpoint: `http://127.0.0.1:${port}`, ...extra })

  it('V1 header: get with process (IP endpoint, bucket only in Host), put, head, delete', async () => {
    const oss = client()
    expect((await oss.get(KEY, { process: PROCESS })).res.status).toBe(200)
    expect(lastCaller()).toMatchObject({ accessKeyId: 'ak', scheme: 'oss-v1-header' })
    expect(!lastCaller().anonymous && lastCaller()).toHaveProperty('signedParams', new Set(['x-oss-process']))
    expect((await oss.put(KEY, Buffer.from('hello'))).res.status).toBe(200)
    expect((await oss.head(KEY)).res.status).toBe(200)
    expect((await oss.delete(KEY)).res.status).toBe(204)
    expect((await oss.putBucketACL(BUCKET, 'public-read')).res.status).toBe(200)
    expect(lastCaller()).toMatchObject({ signedParams: new Set(['acl']) })
  })

  it('V1 header, path style on a hostname (sldEnable) and style sub-resources through request()', async () => {
    const oss = client({ endpoint: `http://localhost:${port}`, sldEnable: true })
    expect((await oss.get(KEY, { process: PROCESS })).res.status).toBe(200)
    const style = await oss.request({ method: 'PUT', bucket: BUCKET, subres: { style: '', styleName: 'small' }, content: Buffer.from('<Style><Content>image/resize,w_1</Content></Style>'), successStatuses: [200] })
    expect(style.res.status).toBe(200)
    const caller = lastCaller()
    expect(!caller.anonymous && [...caller.signedParams].sort()).toEqual(['style', 'styleName'])
  })

  it('V4 header (authorizationV4): get with process, put, and the style call', async () => {
    const oss = client({ authorizationV4: true, region: 'oss-cn-hangzhou' })
    expect((await oss.get(KEY, { process: PROCESS })).res.status).toBe(200)
    expect(lastCaller()).toMatchObject({ scheme: 'oss-v4-header' })
    expect((await oss.put(KEY, Buffer.from('hello'))).res.status).toBe(200)
    const style = await oss.request({ method: 'GET', bucket: BUCKET, subres: { style: '', styleName: 'small' }, successStatuses: [200] })
    expect(style.res.status).toBe(200)
  })

  it('a wrong secret comes back to the client as SignatureDoesNotMatch 403 (V1 and V4)', async () => {
    for (const extra of [{}, { authorizationV4: true }]) {
      const oss = client({ accessKeySecret: 'wrong', ...extra })
      await expect(oss.get(KEY, { process: PROCESS })).rejects.toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' })
    }
  })

  it('signatureUrl (V1) verifies, covers the process, and an expired one is AccessDenied', async () => {
    const oss = client({ endpoint: `http://localhost:${port}` })
    const url = new URL(oss.signatureUrl(KEY, { process: PROCESS, expires: 60 }))
    expect(url.hostname).toBe(`${BUCKET}.localhost`)
    expect(await authenticate(new Request(url), resolveTarget(url))).toMatchObject({ scheme: 'oss-v1-query' })
    url.searchParams.set('x-oss-process', 'image/resize,w_9')
    await expect(authenticate(new Request(url), resolveTarget(url))).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' })
    const expired = new URL(oss.signatureUrl(KEY, { process: PROCESS, expires: -10 }))
    await expect(authenticate(new Request(expired), resolveTarget(expired))).rejects.toMatchObject({ code: 'AccessDenied', message: 'Request has expired.' })
  })

  it('signatureUrlV4 verifies, with the process inside the signature', async () => {
    const oss = client({ endpoint: `http://localhost:${port}`, sldEnable: true, region: 'oss-cn-hangzhou' })
    const url = new URL(await oss.signatureUrlV4('GET', 60, { headers: {}, queries: { 'x-oss-process': PROCESS } }, KEY))
    expect(await authenticate(new Request(url), resolveTarget(url))).toMatchObject({ scheme: 'oss-v4-query' })
    url.searchParams.set('x-oss-process', 'image/resize,w_9')
    await expect(authenticate(new Request(url), resolveTarget(url))).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' })
  })
})

describe('esdk-obs-nodejs 3.26.8', () => {
  async function obs(options: Record<string, unknown>) {
    const client = new ObsClient({ access_key_id: 'ak', secret_access_key: 'sk', ...options })
    await new Promise((resolve) => setImmediate(resolve)) // the constructor finishes one tick later
    return client
  }

  async function statusOf(result: ObsResult) {
    result.InterfaceResult?.Content?.resume?.()
    return [result.CommonMsg.Status, result.CommonMsg.Code ?? '']
  }

  it('AWS V2 header (IPv4 server forces path style): getObject with ImageProcess, putObject, setObjectAcl', async () => {
    const client = await obs({ server: `http://127.0.0.1:${port}` })
    expect(await statusOf(await client.getObject({ Bucket: BUCKET, Key: KEY, ImageProcess: PROCESS, SaveAsStream: true }))).toEqual([200, ''])
    expect(lastCaller()).toMatchObject({ scheme: 'aws-v2-header', accessKeyId: 'ak' })
    expect(!lastCaller().anonymous && lastCaller()).toHaveProperty('signedParams', new Set(['x-image-process']))
    expect(await statusOf(await client.putObject({ Bucket: BUCKET, Key: KEY, Body: 'hello' }))).toEqual([200, ''])
    expect(await statusOf(await client.setObjectAcl({ Bucket: BUCKET, Key: KEY, ACL: 'public-read' }))).toEqual([200, ''])
    expect(await statusOf(await client.setBucketAcl({ Bucket: BUCKET, ACL: 'public-read' }))).toEqual([200, ''])
    expect(lastCaller()).toMatchObject({ scheme: 'aws-v2-header', signedParams: new Set(['acl']) })
  })

  it('OBS V2 header (virtual host, negotiation off): getObject with ImageProcess', async () => {
    const client = await obs({ server: `http://localhost:${port}`, is_signature_negotiation: false, http_agent: toLocalhost })
    expect(await statusOf(await client.getObject({ Bucket: BUCKET, Key: KEY, ImageProcess: PROCESS, SaveAsStream: true }))).toEqual([200, ''])
    expect(lastCaller()).toMatchObject({ scheme: 'obs-v2-header', accessKeyId: 'ak' })
    expect(await statusOf(await client.setBucketAcl({ Bucket: BUCKET, ACL: 'public-read' }))).toEqual([200, ''])
    expect(lastCaller()).toMatchObject({ scheme: 'obs-v2-header', signedParams: new Set(['acl']) })
  })

  it('a wrong secret is reported as SignatureDoesNotMatch 403', async () => {
    const client = await obs({ server: `http://127.0.0.1:${port}`, secret_access_key: 'wrong' })
    expect(await statusOf(await client.getObject({ Bucket: BUCKET, Key: KEY, SaveAsStream: true }))).toEqual([403, 'SignatureDoesNotMatch'])
  })

  it('createSignedUrlSync in both dialects, with persistence parameters inside the signature', async () => {
    const QueryParams = { 'x-image-process': PROCESS, 'x-image-save-object': btoa('out/x.png'), 'x-image-save-bucket': btoa(BUCKET) }
    for (const [options, scheme] of [
      [{ server: `http://127.0.0.1:${port}` }, 'aws-v2-query'],
      [{ server: `http://localhost:${port}` }, 'obs-v2-query'],
    ] as const) {
      const client = await obs(options)
      const { SignedUrl } = client.createSignedUrlSync({ Method: 'GET', Bucket: BUCKET, Key: KEY, Expires: 60, QueryParams })
      const url = new URL(SignedUrl)
      const caller = await authenticate(new Request(url), resolveTarget(url))
      expect(caller).toMatchObject({ scheme })
      expect(!caller.anonymous && [...caller.signedParams].sort()).toEqual(['x-image-process', 'x-image-save-bucket', 'x-image-save-object'])
      url.searchParams.set('x-image-save-object', btoa('elsewhere.png'))
      await expect(authenticate(new Request(url), resolveTarget(url))).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' })
    }
  })
})
