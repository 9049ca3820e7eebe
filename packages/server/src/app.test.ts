// The fetch handler driven directly (no network): routing, XML replies, ACLs, styles, ranges,
// conditions, persistence and protection, with a recording processor standing in for the
// engine so the HTTP layer is tested on its own. Real image work is in e2e/*.test.ts.
import { beforeEach, describe, expect, it } from 'vitest'
import { createMemoryStorage } from '@imgproc/storage'
import type { StorageAdapter } from '@imgproc/types'
import { ImgError } from '@imgproc/types'
import { createHandler, type Handler } from './app.js'
import { createAuthenticator, createMemoryCredentialStore, createRateLimiter } from './auth/index.js'
import { createServerMetrics } from './metrics/index.js'
import type { ImageProcessor, ProcessJob } from './processor.js'
import { parseXml } from './xml/xml.js'

const jobs: ProcessJob[] = []
const recorder: ImageProcessor = {
  async process(job) {
    jobs.push(job)
    if (job.process.includes('w_7')) throw new ImgError('BadRequest', 'This image format is not supported.')
    if (job.process.includes('w_8')) throw new ImgError('CodecUnavailable', 'Could not read /srv/app/node_modules/@imgproc/codecs/dist/x.wasm')
    if (job.process.includes('w_9')) await new Promise((resolve, reject) => job.signal?.addEventListener('abort', () => reject(job.signal?.reason)))
    return { body: new TextEncoder().encode(`out:${job.process}`), contentType: 'image/png' }
  },
}

let storage: StorageAdapter
let handler: Handler
const base = 'http://localhost:8080'
const call = (path: string, init: RequestInit & { host?: string } = {}) => {
  const headers = new Headers(init.headers)
  if (init.host) headers.set('host', init.host)
  return handler(new Request(base + path, { ...init, headers }))
}
const errorOf = async (res: Response) => (parseXml(await res.text()) as { Error: Record<string, string> }).Error

beforeEach(async () => {
  jobs.length = 0
  storage = createMemoryStorage()
  handler = createHandler({ storage, engine: recorder })
  await storage.createBucket('bkt', { acl: 'public-read-write' })
  await storage.put('bkt', 'photo.jpg', new TextEncoder().encode('source-bytes'), { contentType: 'image/jpeg', userMeta: { a: '1' } })
})

describe('objects', () => {
  it('puts with an MD5 ETag, metadata and ACL, and gets it back path-style and virtual-host', async () => {
    const put = await call('/bkt/dir/a%20b.txt', {
      method: 'PUT',
      body: 'hello',
      headers: { 'content-type': 'text/plain', 'content-md5': 'XUFAKrxLKna5cZ2REBfFkg==', 'x-oss-meta-color': 'blue', 'x-oss-object-acl': 'public-read' },
    })
    expect(put.status).toBe(200)
    expect(put.headers.get('etag')).toBe('"5D41402ABC4B2A76B9719D911017C592"')
    expect(put.headers.get('x-oss-request-id')).toMatch(/^[0-9A-F]{24}$/)
    const get = await call('/dir/a%20b.txt', { host: 'bkt.localhost:8080' })
    expect(get.status).toBe(200)
    expect(await get.text()).toBe('hello')
    expect(get.headers.get('x-oss-meta-color')).toBe('blue')
    expect(get.headers.get('content-type')).toBe('text/plain')
    expect((await storage.head('bkt', 'dir/a b.txt'))?.acl).toBe('public-read')
  })

  it('refuses a wrong Content-MD5 with 400 InvalidDigest and stores nothing', async () => {
    const res = await call('/bkt/x', { method: 'PUT', body: 'hello', headers: { 'content-md5': '1B2M2Y8AsgTpgAmY7PhCfg==' } })
    expect(res.status).toBe(400)
    expect((await errorOf(res)).Code).toBe('InvalidDigest')
    expect(await storage.head('bkt', 'x')).toBeNull()
  })

  it('serves ranges, 304 on If-None-Match / If-Modified-Since, HEAD without body', async () => {
    const range = await call('/bkt/photo.jpg', { headers: { range: 'bytes=0-5' } })
    expect(range.status).toBe(206)
    expect(range.headers.get('content-range')).toBe('bytes 0-5/12')
    expect(await range.text()).toBe('source')
    const etag = range.headers.get('etag')!
    expect((await call('/bkt/photo.jpg', { headers: { 'if-none-match': etag } })).status).toBe(304)
    const later = new Date(Date.now() + 60_000).toUTCString()
    expect((await call('/bkt/photo.jpg', { headers: { 'if-modified-since': later } })).status).toBe(304)
    const head = await call('/bkt/photo.jpg', { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-length')).toBe('12')
    expect(head.headers.get('x-oss-meta-a')).toBe('1')
  })

  it('answers NoSuchKey with the Key, NoSuchBucket, and 204 for deletes of missing keys', async () => {
    const missing = await call('/bkt/nope.jpg')
    expect(missing.status).toBe(404)
    expect(await errorOf(missing)).toMatchObject({ Code: 'NoSuchKey', Key: 'nope.jpg', HostId: 'bkt.localhost' })
    expect((await errorOf(await call('/nobucket/x'))).Code).toBe('NoSuchBucket')
    expect((await call('/bkt/nope.jpg', { method: 'DELETE' })).status).toBe(204)
    const head = await call('/bkt/nope.jpg', { method: 'HEAD' })
    expect(head.status).toBe(404)
    expect(atob(head.headers.get('x-oss-err')!)).toContain('<Code>NoSuchKey</Code>')
  })

  it('lists v1 and v2 with prefixes and pages', async () => {
    for (const key of ['a/1', 'a/2', 'b/1', 'c']) await storage.put('bkt', key, new Uint8Array([1]))
    const v1 = parseXml(await (await call('/bkt/?delimiter=/&max-keys=2')).text()) as { ListBucketResult: Record<string, unknown> }
    expect(v1.ListBucketResult).toMatchObject({ Name: 'bkt', IsTruncated: 'true', MaxKeys: '2' })
    expect(v1.ListBucketResult.CommonPrefixes).toEqual([{ Prefix: 'a/' }, { Prefix: 'b/' }])
    const v2 = parseXml(await (await call('/bkt/?list-type=2&prefix=a/')).text()) as { ListBucketResult: Record<string, unknown> }
    expect(v2.ListBucketResult).toMatchObject({ KeyCount: '2', IsTruncated: 'false' })
    expect((v2.ListBucketResult.Contents as Array<{ Key: string }>).map((c) => c.Key)).toEqual(['a/1', 'a/2'])
  })
})

describe('buckets and ACLs', () => {
  const auth = createAuthenticator({ credentials: createMemoryCredentialStore({ ak: 'sk' }) })

  it('refuses owner operations and private reads to anonymous callers', async () => {
    handler = createHandler({ storage, engine: recorder, auth })
    expect((await call('/newbkt/', { method: 'PUT' })).status).toBe(403)
    await storage.setBucketAcl('bkt', 'private')
    const res = await call('/bkt/photo.jpg')
    expect(res.status).toBe(403)
    expect((await errorOf(res)).Code).toBe('AccessDenied')
    expect((await call('/bkt/photo.jpg?x-oss-process=image/resize,w_1')).status).toBe(403)
    await storage.setObjectAcl('bkt', 'photo.jpg', 'public-read')
    expect((await call('/bkt/photo.jpg')).status).toBe(200)
    expect((await call('/bkt/photo.jpg', { method: 'PUT', body: 'x' })).status).toBe(403)
    expect(jobs).toHaveLength(0)
  })

  it('creates buckets with x-oss-acl and answers the ACL documents', async () => {
    // an authenticator that vouches for every request: the owner path without signing here
    const owner = createHandler({ storage, engine: recorder, auth: async () => ({ anonymous: false, accessKeyId: 'ak', scheme: 'oss-v1-header', signedParams: new Set() }) })
    handler = owner
    expect((await call('/new-bkt', { method: 'PUT', headers: { 'x-oss-acl': 'public-read' } })).status).toBe(200)
    expect((await storage.headBucket('new-bkt'))?.acl).toBe('public-read')
    const acl = await (await call('/new-bkt/?acl')).text()
    expect(acl).toContain('<AccessControlList><Grant>public-read</Grant></AccessControlList>')
    expect((await call('/new-bkt/?acl', { method: 'PUT', headers: { 'x-oss-acl': 'private' } })).status).toBe(200)
    expect((await storage.headBucket('new-bkt'))?.acl).toBe('private')
    expect((await errorOf(await call('/Bad_Name', { method: 'PUT' }))).Code).toBe('InvalidBucketName')
    expect((await call('/bkt/photo.jpg?acl', { method: 'PUT', headers: { 'x-oss-object-acl': 'public-read' } })).status).toBe(200)
    expect(await (await call('/bkt/photo.jpg?acl')).text()).toContain('<Grant>public-read</Grant>')
  })

  it('answers OBS negotiation unsigned, with OBS headers on errors', async () => {
    const res = await call('/?apiversion', { method: 'HEAD', host: 'bkt.localhost' })
    expect(res.status).toBe(200)
    expect(res.headers.get('x-obs-api')).toBe('3.0')
    const missing = await call('/bkt/nope', { method: 'HEAD', headers: { 'x-obs-date': new Date().toUTCString() } })
    expect(missing.headers.get('x-obs-error-code')).toBe('NoSuchKey')
    expect(missing.headers.get('x-obs-request-id')).toMatch(/^[0-9A-F]{24}$/)
  })
})

describe('styles', () => {
  const owner = async () => ({ anonymous: false as const, accessKeyId: 'ak', scheme: 'oss-v1-header' as const, signedParams: new Set(['x-oss-process']) })
  beforeEach(() => {
    handler = createHandler({ storage, engine: recorder, auth: owner, limits: { maxStyles: 2 } })
  })
  const putStyle = (name: string, content: string) =>
    call(`/bkt/?style&styleName=${name}`, { method: 'PUT', body: `<?xml version="1.0" encoding="UTF-8"?><Style><Content>${content}</Content></Style>` })

  it('puts, gets, lists and deletes with the XML of spec 6', async () => {
    expect((await putStyle('small', 'image/resize,w_200')).status).toBe(200)
    const got = parseXml(await (await call('/bkt/?style&styleName=small')).text()) as { Style: Record<string, string> }
    expect(got.Style).toMatchObject({ Name: 'small', Content: 'image/resize,w_200', Category: 'image' })
    expect(new Date(got.Style.CreateTime!).toUTCString()).toBe(got.Style.CreateTime)
    expect(got.Style.LastModifyTime).toBeDefined()
    await putStyle('other', 'image/rotate,90')
    const list = await (await call('/bkt/?style')).text()
    expect(list).toMatch(/<StyleList><Style><Name>small<\/Name>.*<Name>other<\/Name>/)
    expect((await call('/bkt/?style&styleName=small', { method: 'DELETE' })).status).toBe(204)
    expect((await call('/bkt/?style&styleName=small', { method: 'DELETE' })).status).toBe(204)
    const gone = await call('/bkt/?style&styleName=small')
    expect(gone.status).toBe(404)
    expect((await errorOf(gone)).Code).toBe('NoSuchStyle')
  })

  it('refuses bad names, empty content and more than the limit', async () => {
    const bad = await putStyle('Images!tyle', 'image/resize,w_1')
    expect(bad.status).toBe(400)
    expect(await errorOf(bad)).toMatchObject({ Code: 'InvalidArgument', Message: 'The value: Images!tyle of parameter: stylename is invalid.' })
    expect((await errorOf(await putStyle('empty', ''))).Message).toBe('Style content is invalid.')
    await putStyle('s1', 'image/resize,w_1')
    await putStyle('s2', 'image/resize,w_2')
    expect((await errorOf(await putStyle('s3', 'image/resize,w_3'))).Code).toBe('TooManyStyles')
    expect((await putStyle('s2', 'image/resize,w_9')).status).toBe(200)
  })

  it('applies style/<name> in GET and in POST saveas', async () => {
    await putStyle('small', 'image/resize,w_200')
    const res = await call('/bkt/photo.jpg?x-oss-process=style/small')
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('out:image/resize,w_200')
    expect((await errorOf(await call('/bkt/photo.jpg?x-oss-process=style/none'))).Code).toBe('NoSuchStyle')
    const saved = await call('/bkt/photo.jpg?x-oss-process', { method: 'POST', body: 'x-oss-process=style/small|sys/saveas,o_c21hbGwuanBn' })
    expect(await saved.json()).toMatchObject({ object: 'small.jpg', status: 'OK' })
    expect(jobs.at(-1)?.process).toBe('image/resize,w_200')
    await putStyle('broken', 'csdar5324')
    // stored verbatim (OSS does not validate content), refused with 400 when used
    expect((await call('/bkt/photo.jpg?x-oss-process=style/broken')).status).toBe(400)
  })
})

describe('image processing over HTTP', () => {
  it('answers the processed bytes with the output type and the source ETag, 304 on a match', async () => {
    const res = await call('/bkt/photo.jpg?x-oss-process=image/resize,w_100')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
    const source = await call('/bkt/photo.jpg', { method: 'HEAD' })
    expect(res.headers.get('etag')).toBe(source.headers.get('etag'))
    // a processed image is not served in ranges; its source is
    expect(res.headers.get('accept-ranges')).toBeNull()
    expect(source.headers.get('accept-ranges')).toBe('bytes')
    expect(jobs[0]).toMatchObject({ process: 'image/resize,w_100', dialect: 'oss' })
    expect(jobs[0]!.loadObject).toBeTypeOf('function')
    expect(new TextDecoder().decode(jobs[0]!.source)).toBe('source-bytes')
    const again = await call('/bkt/photo.jpg?x-oss-process=image/resize,w_100', { headers: { 'if-none-match': res.headers.get('etag')! } })
    expect(again.status).toBe(304)
    expect(again.headers.get('accept-ranges')).toBe('bytes')
    expect(jobs).toHaveLength(1)
  })

  it('refuses a bad process string before reading anything, maps engine errors, refuses saveas in a GET', async () => {
    const bad = await call('/bkt/missing.jpg?x-oss-process=image/resize,w_0')
    expect(bad.status).toBe(400)
    expect(await errorOf(bad)).toMatchObject({ Code: 'InvalidArgument', Message: 'The value: 0 of parameter: w is invalid.' })
    const engineError = await call('/bkt/photo.jpg?x-oss-process=image/resize,w_7')
    expect(engineError.status).toBe(400)
    expect((await errorOf(engineError)).Code).toBe('BadRequest')
    const saveas = await call('/bkt/photo.jpg?x-oss-process=image/resize,w_1|sys/saveas,o_eA')
    expect(saveas.status).toBe(400)
  })

  it('logs a typed server fault with its detail and answers the code with its public message only', async () => {
    const logged: unknown[] = []
    handler = createHandler({ storage, engine: recorder, onError: (error) => logged.push(error) })
    const res = await call('/bkt/photo.jpg?x-oss-process=image/resize,w_8')
    expect(res.status).toBe(500)
    const error = await errorOf(res)
    expect(error.Code).toBe('CodecUnavailable')
    expect(error.Message).not.toContain('/srv/app')
    expect(logged).toHaveLength(1)
    expect(String((logged[0] as Error).message)).toContain('/srv/app')
  })

  it('saves with POST ?x-oss-process in both body forms and answers the JSON of spec 7', async () => {
    const form = 'x-oss-process=image%2Fresize%2Cw_50%7Csys%2Fsaveas%2Co_b3V0L2RzdC5wbmc%3D'
    const res = await call('/bkt/photo.jpg?x-oss-process=', { method: 'POST', body: form, headers: { 'content-type': 'image/jpeg' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/json')
    expect(await res.json()).toEqual({ bucket: '', fileSize: 'out:image/resize,w_50'.length, object: 'out/dst.png', status: 'OK' })
    expect((await storage.head('bkt', 'out/dst.png'))?.contentType).toBe('image/png')
    await storage.createBucket('bkt2', { acl: 'public-read-write' })
    const raw = 'x-oss-process=image/resize,w_60|sys/saveas,o_ZHN0Mi5wbmc,b_Ymt0Mg'
    const second = await call('/bkt/photo.jpg?x-oss-process', { method: 'POST', body: raw })
    expect(second.status, await second.clone().text()).toBe(200)
    expect(await second.json()).toMatchObject({ bucket: 'bkt2', object: 'dst2.png' })
    expect(await storage.head('bkt2', 'dst2.png')).not.toBeNull()
  })

  it('persists OBS results with x-image-save-object / -bucket and refuses a Range with it', async () => {
    const query = `x-image-process=image/resize,w_10&x-image-save-object=${btoa('saved/x.png')}`
    const res = await call(`/bkt/photo.jpg?${query}`, { headers: { 'x-obs-date': new Date().toUTCString() } })
    expect(res.status).toBe(200)
    expect(jobs[0]?.dialect).toBe('obs')
    expect(await storage.head('bkt', 'saved/x.png')).not.toBeNull()
    const ranged = await call(`/bkt/photo.jpg?${query}`, { headers: { range: 'bytes=0-1' } })
    expect(ranged.status).toBe(400)
    const badName = await call(`/bkt/photo.jpg?x-image-process=image/resize,w_10&x-image-save-object=${btoa('a:b')}`)
    expect(badName.status).toBe(400)
  })
})

describe('protection and operations', () => {
  it('answers 503 SlowDown when the queue is full and RequestTimeout past the deadline', async () => {
    handler = createHandler({ storage, engine: recorder, limits: { concurrency: 1, maxQueued: 0, deadlineMs: 200 } })
    const slow = call('/bkt/photo.jpg?x-oss-process=image/resize,w_9')
    await new Promise((r) => setTimeout(r, 20))
    const refused = await call('/bkt/photo.jpg?x-oss-process=image/resize,w_1')
    expect(refused.status).toBe(503)
    expect((await errorOf(refused)).Code).toBe('SlowDown')
    const timedOut = await slow
    expect(timedOut.status).toBe(503)
    expect((await errorOf(timedOut)).Code).toBe('RequestTimeout')
  })

  it('limits bodies and headers', async () => {
    handler = createHandler({ storage, engine: recorder, limits: { maxBodyBytes: 4, maxHeaderBytes: 300 } })
    expect((await errorOf(await call('/bkt/big', { method: 'PUT', body: '12345' }))).Code).toBe('EntityTooLarge')
    expect((await errorOf(await call('/bkt/photo.jpg', { headers: { 'x-big': 'x'.repeat(400) } }))).Code).toBe('RequestHeaderTooLarge')
  })

  it('rate-limits per caller with Retry-After', async () => {
    handler = createHandler({ storage, engine: recorder, rateLimiter: createRateLimiter({ requestsPerSecond: 1, burst: 2 }) })
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push(await handler(new Request(`${base}/bkt/photo.jpg`), { clientAddress: '10.0.0.1' }))
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 503])
    expect(statuses[2]!.headers.get('retry-after')).toBe('1')
    expect((await handler(new Request(`${base}/bkt/photo.jpg`), { clientAddress: '10.0.0.2' })).status).toBe(200)
  })

  it('asks mounted pages under /-/ first, never for bucket paths', async () => {
    const seen: string[] = []
    handler = createHandler({
      storage,
      engine: recorder,
      mounts: [
        async (req, { uploadWork }) => {
          seen.push(new URL(req.url).pathname)
          return new URL(req.url).pathname === '/-/page' && typeof uploadWork === 'function' ? new Response('page') : undefined
        },
      ],
    })
    const page = await call('/-/page')
    expect(await page.text()).toBe('page')
    expect(page.headers.get('x-oss-request-id')).toMatch(/^[0-9A-F]{24}$/)
    expect((await call('/bkt/photo.jpg')).status).toBe(200)
    expect(seen).toEqual(['/-/page'])
    expect((await call('/-/nothing')).status).toBe(400)
  })

  it('serves health and Prometheus metrics by operation and status', async () => {
    const metrics = createServerMetrics()
    handler = createHandler({ storage, engine: recorder, metrics })
    await call('/bkt/photo.jpg')
    await call('/bkt/nope')
    const health = await call('/-/health')
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ status: 'ok', queue: { depth: 0 } })
    const text = await (await call('/-/metrics')).text()
    expect(text).toContain('imgproc_requests_total{operation="GetObject",status="200"} 1')
    expect(text).toContain('imgproc_requests_total{operation="GetObject",status="404"} 1')
    expect(text).toContain('imgproc_bytes_out_total{operation="GetObject"} 12')
  })
})

describe('signatures and parameters', () => {
  it('refuses a process parameter the signature does not cover', async () => {
    const signedWithout = async () => ({ anonymous: false as const, accessKeyId: 'ak', scheme: 'oss-v1-query' as const, signedParams: new Set<string>() })
    handler = createHandler({ storage, engine: recorder, auth: signedWithout })
    const res = await call('/bkt/photo.jpg?x-oss-process=image/resize,w_1')
    expect(res.status).toBe(403)
    expect(jobs).toHaveLength(0)
  })

  it('answers an anonymous caller of a private bucket 403 even for a missing key', async () => {
    await storage.setBucketAcl('bkt', 'private')
    expect((await errorOf(await call('/bkt/missing.jpg'))).Code).toBe('AccessDenied')
  })

  it('passes the signature errors of the authenticator through as error XML', async () => {
    handler = createHandler({ storage, engine: recorder, auth: createAuthenticator({ credentials: createMemoryCredentialStore({ ak: 'sk' }) }) })
    const res = await call('/bkt/photo.jpg', { headers: { authorization: 'OSS ak:bm90LWEtc2lnbmF0dXJl', 'x-oss-date': new Date().toUTCString() } })
    expect(res.status).toBe(403)
    expect((await errorOf(res)).Code).toBe('SignatureDoesNotMatch')
  })
})
