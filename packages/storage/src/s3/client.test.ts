import { describe, expect, it } from 'vitest'
import { createS3Client, encodeKeyForUrl, s3Error } from './client.js'

function recorder() {
  const seen: Request[] = []
  const fake = (async (input: RequestInfo | URL) => {
    seen.push(input as Request)
    return new Response('', { status: 200 })
  }) as typeof fetch
  return { seen, fake }
}

const credentials = { accessKeyId: 'AK', secretAccessKey: 'SK' }

describe('S3 client', () => {
  it('addresses path-style for IPs and localhost, virtual-host style otherwise', async () => {
    const { seen, fake } = recorder()
    await createS3Client({ endpoint: 'http://127.0.0.1:7480', ...credentials, fetch: fake }).send({ method: 'GET', bucket: 'bkt', key: 'a/b c' })
    await createS3Client({ endpoint: 'https://s3.example.com', ...credentials, fetch: fake }).send({ method: 'GET', bucket: 'bkt', key: 'a/b c' })
    await createS3Client({ endpoint: 'https://s3.example.com/base/', forcePathStyle: true, ...credentials, fetch: fake })
      .send({ method: 'GET', bucket: 'bkt', query: { 'list-type': '2', prefix: 'x y' } })
    expect(seen.map((r) => r.url)).toEqual([
      'http://127.0.0.1:7480/bkt/a%2Fb%20c',
      'https://bkt.s3.example.com/a%2Fb%20c',
      'https://s3.example.com/base/bkt/?list-type=2&prefix=x%20y',
    ])
    for (const request of seen) {
      expect(request.headers.get('authorization')).toMatch(/^AWS4-HMAC-SHA256 Credential=AK\/\d{8}\/us-east-1\/s3\/aws4_request/)
    }
  })

  it('encodes every reserved character of a key, slash included', () => {
    expect(encodeKeyForUrl("a/b?c#d%e+f&g'h(i)*!")).toBe('a%2Fb%3Fc%23d%25e%2Bf%26g%27h%28i%29%2A%21')
  })

  it('maps S3 error replies onto ImgError codes, keeping the S3 code in the cause', async () => {
    const reply = (code: string, status: number) => new Response(`<Error><Code>${code}</Code><Message>m</Message></Error>`, { status })
    expect((await s3Error(reply('NoSuchBucket', 404), { bucket: 'b' })).code).toBe('NoSuchBucket')
    expect((await s3Error(reply('BucketNotEmpty', 409), {})).code).toBe('BucketNotEmpty')
    expect((await s3Error(reply('BadDigest', 400), {})).code).toBe('InvalidDigest')
    expect((await s3Error(new Response('', { status: 412 }), {})).code).toBe('PreconditionFailed')
    const unknown = await s3Error(reply('WeirdThing', 500), { key: 'k' })
    expect(unknown.code).toBe('InternalError')
    expect(unknown.message).toContain('WeirdThing')
    expect(unknown.detail.fields).toEqual({ Key: 'k' })
  })

  it('retries 5xx answers, then gives up with the last answer', async () => {
    let calls = 0
    const flaky = (async () => new Response('', { status: ++calls < 3 ? 503 : 200 })) as typeof fetch
    const response = await createS3Client({ endpoint: 'http://127.0.0.1:1', ...credentials, fetch: flaky, retries: 3 }).send({ method: 'GET' })
    expect(response.status).toBe(200)
    expect(calls).toBe(3)
  })

  it('turns a network failure into InternalError and an abort into RequestAborted', async () => {
    const broken = (async () => {
      throw new TypeError('fetch failed')
    }) as typeof fetch
    await expect(createS3Client({ endpoint: 'http://127.0.0.1:1', ...credentials, fetch: broken }).send({ method: 'GET' }))
      .rejects.toMatchObject({ code: 'InternalError' })
    const controller = new AbortController()
    controller.abort()
    await expect(createS3Client({ endpoint: 'http://127.0.0.1:1', ...credentials, fetch: broken }).send({ method: 'GET', signal: controller.signal }))
      .rejects.toMatchObject({ code: 'RequestAborted' })
  })
})
