// Which request-id header every kind of reply carries, per signature family: `x-oss-request-id`
// always, plus `x-obs-request-id` or `x-amz-request-id` as the request's signature expects (the
// header esdk-obs-nodejs reads; e2e/obs-request-id.test.ts drives the real client). The
// authenticator is a stand-in that accepts any signature: the family is read from the request.
import { beforeEach, describe, expect, it } from 'vitest'
import { createMemoryStorage } from '@imgproc/storage'
import type { StorageAdapter } from '@imgproc/types'
import { createHandler, type Handler } from './app.js'
import type { Authenticate } from './auth/index.js'
import type { ImageProcessor } from './processor.js'

const acceptAll: Authenticate = async () => ({ anonymous: false, accessKeyId: 'ak', scheme: 'aws-v2-header', signedParams: new Set(['x-image-process', 'x-oss-process']) })
const engine: ImageProcessor = { process: async () => ({ body: new Uint8Array([1]), contentType: 'image/png' }) }
const mounts = [async (req: Request) => (new URL(req.url).pathname === '/-/page' ? new Response('page') : undefined), async () => Response.redirect('http://localhost/-/page', 302)]

interface Family {
  name: string
  query: string
  headers: Record<string, string>
  /** the header the client reads besides x-oss-request-id, or none */
  expected?: string
}
const families: Family[] = [
  { name: 'AWS V2 header', query: '', headers: { authorization: 'AWS ak:sig' }, expected: 'x-amz-request-id' },
  { name: 'AWS V2 URL', query: 'AWSAccessKeyId=ak&Expires=9999999999&Signature=s', headers: {}, expected: 'x-amz-request-id' },
  { name: 'OBS header', query: '', headers: { authorization: 'OBS ak:sig' }, expected: 'x-obs-request-id' },
  { name: 'OBS URL', query: 'AccessKeyId=ak&Expires=9999999999&Signature=s', headers: {}, expected: 'x-obs-request-id' },
  // the route and the other headers name OBS, the signature is AWS: the signature decides
  { name: 'AWS V2 header on OBS names', query: '', headers: { authorization: 'AWS ak:sig', 'x-obs-date': new Date().toUTCString() }, expected: 'x-amz-request-id' },
  { name: 'OSS V1 header', query: '', headers: { authorization: 'OSS ak:sig' } },
]
const OBS_FAMILY_HEADERS = ['x-obs-request-id', 'x-amz-request-id']

let storage: StorageAdapter
let handler: Handler
let etag: string

beforeEach(async () => {
  storage = createMemoryStorage()
  handler = createHandler({ storage, engine, auth: acceptAll, mounts })
  await storage.createBucket('bkt')
  etag = (await storage.put('bkt', 'a.jpg', new Uint8Array([1, 2, 3]), { contentType: 'image/jpeg' })).etag
})

describe.each(families)('$name', ({ query, headers, expected }) => {
  const call = (method: string, path: string, extra: Record<string, string> = {}, body?: string) => {
    const url = `http://localhost${path}${query === '' ? '' : `${path.includes('?') ? '&' : '?'}${query}`}`
    return handler(new Request(url, { method, headers: { ...headers, ...extra }, ...(body === undefined ? {} : { body }) }))
  }
  const replies: [string, () => Promise<Response>, number][] = [
    ['PUT', () => call('PUT', '/bkt/b.txt', {}, 'hello'), 200],
    ['GET', () => call('GET', '/bkt/a.jpg'), 200],
    ['HEAD', () => call('HEAD', '/bkt/a.jpg'), 200],
    ['GET 304', () => call('GET', '/bkt/a.jpg', { 'if-none-match': `"${etag}"` }), 304],
    ['processed GET', () => call('GET', '/bkt/a.jpg?x-image-process=image/resize,w_1/'), 200],
    ['processed GET 304', () => call('GET', '/bkt/a.jpg?x-image-process=image/info', { 'if-none-match': `"${etag}"` }), 304],
    ['GET error', () => call('GET', '/bkt/missing.jpg'), 404],
    ['HEAD error', () => call('HEAD', '/bkt/missing.jpg'), 404],
    ['bad process string', () => call('GET', '/bkt/a.jpg?x-image-process=image/,w_1'), 400],
    ['mounted page', () => call('GET', '/-/page'), 200],
    ['mounted redirect (immutable headers)', () => call('GET', '/-/elsewhere'), 302],
    ['health', () => call('GET', '/-/health'), 200],
  ]

  it.each(replies)('%s carries x-oss-request-id and the id header of the signature family', async (_kind, send, status) => {
    const res = await send()
    expect(res.status).toBe(status)
    const id = res.headers.get('x-oss-request-id')
    expect(id).toMatch(/^[0-9A-F]{24}$/)
    for (const name of OBS_FAMILY_HEADERS) expect(res.headers.get(name)).toBe(name === expected ? id : null)
  })

  it('a HEAD error names its code under the same prefix', async () => {
    const res = await call('HEAD', '/bkt/missing.jpg')
    const prefix = expected?.slice(0, 6)
    if (prefix) expect(res.headers.get(`${prefix}error-code`)).toBe('NoSuchKey')
    else expect(res.headers.get('x-oss-err')).not.toBeNull()
  })
})
