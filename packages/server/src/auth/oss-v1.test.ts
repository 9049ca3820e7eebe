import { describe, expect, it } from 'vitest'
import { createAuthenticator } from './authenticator.js'
import { createMemoryCredentialStore } from './credentials.js'
import { ossV1CanonicalResource, ossV1StringToSign } from './oss-v1.js'
import { parseQueryPairs } from './query-pairs.js'
import { hmacSha1, toBase64 } from './web-crypto.js'
import { at, credentials, rejection } from './test-helpers.js'

const sign = async (secret: string, stringToSign: string) => toBase64(await hmacSha1(secret, stringToSign))

describe('OSS V1 canonical resource and string to sign', () => {
  it('reproduces the spec vector (oss-img §8.2): Signature J7Fm4w7LNl2DH505BM70btiHQR8=', async () => {
    const query = parseQueryPairs('?x-oss-process=image%2Fresize%2Cw_100')
    const { resource } = ossV1CanonicalResource('examplebucket', 'example.jpg', query)
    const stringToSign = ossV1StringToSign('GET', new Headers(), '1700000000', resource)
    expect(stringToSign).toBe('GET\n\n\n1700000000\n/examplebucket/example.jpg?x-oss-process=image/resize,w_100')
    expect(await sign('sk', stringToSign)).toBe('J7Fm4w7LNl2DH505BM70btiHQR8=')
  })

  it('reproduces the clients-wire §1.7 worked example (decoded key, x-oss-date in two places)', () => {
    const date = 'Sat, 21 Nov 2026 16:08:04 GMT'
    const headers = new Headers({ 'content-type': 'image/jpeg', 'x-oss-date': date })
    const { resource } = ossV1CanonicalResource('bkt', 'dir/a b.jpg', parseQueryPairs('x-oss-process=image%2Fresize%2Cw_100'))
    expect(ossV1StringToSign('get', headers, date, resource)).toBe(
      `GET\n\nimage/jpeg\n${date}\nx-oss-date:${date}\n/bkt/dir/a b.jpg?x-oss-process=image/resize,w_100`,
    )
  })

  it('signs style sub-resources as bare names or name=value, sorted, and skips unknown parameters', () => {
    const { resource, signedParams } = ossV1CanonicalResource('bkt', undefined, parseQueryPairs('styleName=small&prefix=a&style='))
    expect(resource).toBe('/bkt/?style&styleName=small')
    expect([...signedParams].sort()).toEqual(['style', 'styleName'])
    expect(ossV1CanonicalResource(undefined, undefined, []).resource).toBe('/')
  })

  it('keeps a value with `=` whole, however the `=` is spelt (issue 12)', () => {
    for (const search of ['x-image-save-object=YS5qcGc=&x-oss-process=a%3Db%3D', 'x-image-save-object=YS5qcGc%3D&x-oss-process=a=b=']) {
      expect(ossV1CanonicalResource('b', 'k', parseQueryPairs(search)).resource).toBe('/b/k?x-image-save-object=YS5qcGc=&x-oss-process=a=b=')
    }
  })

  it('matches sub-resource names case-sensitively (spec §11 case 20: X-Oss-Process is not signed)', () => {
    const { resource, signedParams } = ossV1CanonicalResource('b', 'k', parseQueryPairs('X-Oss-Process=image%2Frotate%2C90'))
    expect(resource).toBe('/b/k')
    expect(signedParams.size).toBe(0)
  })
})

describe('OSS V1 signed URL', () => {
  const authenticate = createAuthenticator({ credentials, now: at(1_699_999_000) })
  const base = 'http://examplebucket.localhost/example.jpg'
  const target = { bucket: 'examplebucket', key: 'example.jpg' }
  const url = (extra = '') =>
    `${base}?OSSAccessKeyId=ak&Expires=1700000000&Signature=J7Fm4w7LNl2DH505BM70btiHQR8%3D&x-oss-process=image%2Fresize%2Cw_100${extra}`

  it('verifies spec §11 case 20 and reports the signed parameters', async () => {
    const caller = await authenticate(new Request(url()), target)
    expect(caller).toEqual({ anonymous: false, accessKeyId: 'ak', scheme: 'oss-v1-query', signedParams: new Set(['x-oss-process']) })
  })

  it('still verifies with an upper-case X-Oss-Process appended, which stays outside the signature (case 20)', async () => {
    const caller = await authenticate(new Request(url('&X-Oss-Process=image%2Frotate%2C90')), target)
    expect(caller.anonymous).toBe(false)
    if (!caller.anonymous) expect(caller.signedParams.has('X-Oss-Process')).toBe(false)
  })

  it('rejects a tampered process parameter with SignatureDoesNotMatch and echoes the string to sign', async () => {
    const tampered = url().replace('w_100', 'w_101')
    const error = await rejection(authenticate(new Request(tampered), target))
    expect(error.code).toBe('SignatureDoesNotMatch')
    expect(error.status).toBe(403)
    expect(error.detail.fields?.StringToSign).toBe('GET\n\n\n1700000000\n/examplebucket/example.jpg?x-oss-process=image/resize,w_101')
  })

  it('rejects a process parameter added to a URL signed without one', async () => {
    const stringToSign = 'GET\n\n\n1700000000\n/examplebucket/example.jpg'
    const signature = encodeURIComponent(await sign('sk', stringToSign))
    const plain = `${base}?OSSAccessKeyId=ak&Expires=1700000000&Signature=${signature}`
    expect((await authenticate(new Request(plain), target)).anonymous).toBe(false)
    const error = await rejection(authenticate(new Request(`${plain}&x-oss-process=image%2Fresize%2Cw_1`), target))
    expect(error.code).toBe('SignatureDoesNotMatch')
  })

  it('rejects another bucket or key with the same signature', async () => {
    expect((await rejection(authenticate(new Request(url()), { bucket: 'other', key: 'example.jpg' }))).code).toBe('SignatureDoesNotMatch')
    expect((await rejection(authenticate(new Request(url()), { bucket: 'examplebucket', key: 'x.jpg' }))).code).toBe('SignatureDoesNotMatch')
  })

  it('rejects a wrong secret, an unknown key id, an expired URL and a malformed Expires', async () => {
    const wrongSecret = createAuthenticator({ credentials: createMemoryCredentialStore({ ak: 'other' }), now: at(1_699_999_000) })
    expect((await rejection(wrongSecret(new Request(url()), target))).code).toBe('SignatureDoesNotMatch')

    const unknown = await rejection(authenticate(new Request(url().replace('OSSAccessKeyId=ak', 'OSSAccessKeyId=nobody')), target))
    expect([unknown.code, unknown.status, unknown.message]).toEqual([
      'InvalidAccessKeyId',
      403,
      'The OSS Access Key Id you provided does not exist in our records.',
    ])

    const late = createAuthenticator({ credentials, now: at(1_700_000_001) })
    const expired = await rejection(late(new Request(url()), target))
    expect([expired.code, expired.status, expired.message]).toEqual(['AccessDenied', 403, 'Request has expired.'])
    expect(expired.detail.fields).toEqual({ Expires: '2023-11-14T22:13:20Z', ServerTime: '2023-11-14T22:13:21Z' })

    const onTheSecond = createAuthenticator({ credentials, now: at(1_700_000_000) })
    expect((await onTheSecond(new Request(url()), target)).anonymous).toBe(false)

    const bad = await rejection(authenticate(new Request(url().replace('Expires=1700000000', 'Expires=soon')), target))
    expect(bad.code).toBe('InvalidArgument')
    const missing = await rejection(authenticate(new Request(url().replace('Expires=1700000000&', '')), target))
    expect(missing.code).toBe('AccessDenied')
  })

  it('accepts a signature whose + arrived unescaped (as a space)', async () => {
    // Find a resource whose signature contains '+', then send it raw.
    for (let i = 0; i < 200; i++) {
      const stringToSign = `GET\n\n\n1700000000\n/examplebucket/k${i}`
      const signature = await sign('sk', stringToSign)
      if (!signature.includes('+')) continue
      const raw = `${base.replace('example.jpg', `k${i}`)}?OSSAccessKeyId=ak&Expires=1700000000&Signature=${signature}`
      expect((await authenticate(new Request(raw), { bucket: 'examplebucket', key: `k${i}` })).anonymous).toBe(false)
      return
    }
    throw new Error('no signature with + found')
  })
})

describe('OSS V1 header', () => {
  const date = 'Tue, 14 Nov 2023 22:13:20 GMT'
  const now = at(1_700_000_000)
  const authenticate = createAuthenticator({ credentials, now })
  const target = { bucket: 'bkt', key: 'dir/a b.jpg' }

  async function signedRequest(headerDate = date, secret = 'sk', query = '?x-oss-process=image%2Fresize%2Cw_100') {
    const headers = new Headers({ 'content-type': 'image/jpeg', 'x-oss-date': headerDate })
    const { resource } = ossV1CanonicalResource('bkt', 'dir/a b.jpg', parseQueryPairs(query))
    headers.set('authorization', `OSS ak:${await sign(secret, ossV1StringToSign('GET', headers, headerDate, resource))}`)
    return new Request(`http://localhost/bkt/dir/a%20b.jpg${query}`, { headers })
  }

  it('verifies a request signed like ali-oss (x-oss-date, no Date, Content-Type on GET)', async () => {
    expect(await authenticate(await signedRequest(), target)).toMatchObject({ accessKeyId: 'ak', scheme: 'oss-v1-header' })
  })

  it('falls back to the Date header when there is no x-oss-date (oss2 style)', async () => {
    const headers = new Headers({ date })
    headers.set('authorization', `OSS ak:${await sign('sk', `GET\n\n\n${date}\n/bkt/dir/a b.jpg`)}`)
    expect((await authenticate(new Request('http://localhost/bkt/dir/a%20b.jpg', { headers }), target)).anonymous).toBe(false)
  })

  it('rejects a wrong secret, a skewed date, a missing date and a malformed header', async () => {
    expect((await rejection(authenticate(await signedRequest(date, 'wrong'), target))).code).toBe('SignatureDoesNotMatch')
    const skewed = await rejection(authenticate(await signedRequest('Tue, 14 Nov 2023 22:28:21 GMT'), target))
    expect([skewed.code, skewed.status]).toEqual(['RequestTimeTooSkewed', 403])
    // 15 minutes exactly is still inside the window.
    expect((await authenticate(await signedRequest('Tue, 14 Nov 2023 22:28:20 GMT'), target)).anonymous).toBe(false)
    const noDate = new Request('http://localhost/bkt/k', { headers: { authorization: 'OSS ak:AAAA' } })
    expect((await rejection(authenticate(noDate, target))).code).toBe('AccessDenied')
    const garbage = new Request('http://localhost/bkt/k', { headers: { authorization: 'OSS ak', date } })
    expect((await rejection(authenticate(garbage, target))).code).toBe('InvalidArgument')
  })

  it('refuses a signature in both the header and the URL (spec §8.2: 400 InvalidArgument)', async () => {
    const request = await signedRequest(date, 'sk', '?OSSAccessKeyId=ak&Expires=1&Signature=x')
    expect((await rejection(authenticate(request, target))).code).toBe('InvalidArgument')
  })

  it('treats a request with no signature at all as anonymous', async () => {
    expect(await authenticate(new Request('http://localhost/bkt/k?x-oss-process=image%2Finfo'), target)).toEqual({ anonymous: true })
  })
})
