import { describe, expect, it } from 'vitest'
import { createAuthenticator } from './authenticator.js'
import { createMemoryCredentialStore } from './credentials.js'
import { esdkEncode, obsV2HeaderSubresources, obsV2QuerySubresources, obsV2ResourcePath, obsV2StringToSign } from './obs-v2.js'
import { parseQueryPairs } from './query-pairs.js'
import { hmacSha1, toBase64 } from './web-crypto.js'
import { at, credentials, rejection } from './test-helpers.js'

const sign = async (secret: string, stringToSign: string) => toBase64(await hmacSha1(secret, stringToSign))

describe('OBS/AWS V2 canonical pieces', () => {
  it('reproduces the spec §9.4 vectors', async () => {
    const plain = `GET\n\n\n1700000000\n/examplebucket/example.jpg?x-image-process=image/resize,w_100`
    expect(await sign('sk', plain)).toBe('O7bA4Lgwsy6BPDSFAvAYwJfWPVU=')
    const query = parseQueryPairs('AccessKeyId=ak&Expires=1700000000&x-image-process=image/resize%2Cw_100&x-image-save-bucket=ZGVzdA&x-image-save-object=b3V0LmpwZw&Signature=x')
    const { text } = obsV2QuerySubresources(query, 'obs')
    expect(text).toBe('?x-image-process=image/resize,w_100&x-image-save-bucket=ZGVzdA&x-image-save-object=b3V0LmpwZw')
    expect(await sign('sk', `GET\n\n\n1700000000\n/examplebucket/example.jpg${text}`)).toBe('14weZuvN78jNUunNr8j+B6s1TtE=')
  })

  it('reproduces the clients-wire §2.6 worked example (path kept percent-encoded)', () => {
    const date = 'Sat, 21 Nov 2026 16:08:04 GMT'
    const path = obsV2ResourcePath('/bkt/dir/a%20b.jpg', 'bkt', 'dir/a b.jpg')
    const { text } = obsV2HeaderSubresources(parseQueryPairs('x-image-process=image/resize%2Cw_100'))
    expect(obsV2StringToSign('GET', new Headers({ date }), date, 'aws', path + text)).toBe(
      `GET\n\n\n${date}\n/bkt/dir/a%20b.jpg?x-image-process=image/resize,w_100`,
    )
  })

  it('derives the resource from path-style, virtual-host and bucket-level paths without confusing keys', () => {
    expect(obsV2ResourcePath('/dir/a%20b.jpg', 'bkt', 'dir/a b.jpg')).toBe('/bkt/dir/a%20b.jpg')
    expect(obsV2ResourcePath('/bkt', 'bkt', undefined)).toBe('/bkt')
    expect(obsV2ResourcePath('/', 'bkt', undefined)).toBe('/bkt/')
    expect(obsV2ResourcePath('/', undefined, undefined)).toBe('/')
    // virtual host, key that starts with the bucket name: never read as path style
    expect(obsV2ResourcePath('/bkt/x', 'bkt', 'bkt/x')).toBe('/bkt/bkt/x')
    expect(obsV2ResourcePath('/bkt/bkt/x', 'bkt', 'bkt/x')).toBe('/bkt/bkt/x')
    // a router that rewrote the path: fall back to the client's own encoding of the key
    expect(obsV2ResourcePath('/elsewhere', 'bkt', "a b(1)!.jpg")).toBe('/bkt/a%20b%281%29%21.jpg')
    expect(esdkEncode('dir/ü b.jpg')).toBe('dir/%C3%BC%20b.jpg')
  })

  it('header sub-resources: raw k=v sorted, allow list matched case-insensitively, dialect params not added', () => {
    const { text, signedParams } = obsV2HeaderSubresources(parseQueryPairs('uploadId=2&partNumber=1&prefix=a&x-obs-foo=1&acl'))
    expect(text).toBe('?acl&partNumber=1&uploadId=2')
    expect([...signedParams].sort()).toEqual(['acl', 'partNumber', 'uploadId'])
  })

  it('header and URL sub-resources keep a value with `=` whole, split at the first `=` (issue 12)', () => {
    const expected = '?x-image-process=image/watermark,text_YQ==&x-image-save-bucket=c2VjLXB1Yg==&x-image-save-object=YS5qcGc='
    for (const search of [
      'x-image-save-object=YS5qcGc=&x-image-save-bucket=c2VjLXB1Yg==&x-image-process=image/watermark,text_YQ==',
      'x-image-save-object=YS5qcGc%3D&x-image-save-bucket=c2VjLXB1Yg%3D%3D&x-image-process=image%2Fwatermark%2Ctext_YQ%3D%3D',
    ]) {
      const header = obsV2HeaderSubresources(parseQueryPairs(search))
      expect(header.text).toBe(expected)
      expect(obsV2QuerySubresources(parseQueryPairs(search), 'obs').text).toBe(expected)
      expect([...header.signedParams].sort()).toEqual(['x-image-process', 'x-image-save-bucket', 'x-image-save-object'])
    }
    // an empty value and a bare name are both signed as the bare name, as esdk signs them
    expect(obsV2HeaderSubresources(parseQueryPairs('x-image-save-object=&acl')).text).toBe('?acl&x-image-save-object')
  })

  it('URL sub-resources also sign every parameter with the dialect prefix', () => {
    const query = parseQueryPairs('x-obs-security-token=t&x-amz-foo=1&AccessKeyId=ak&Expires=1&Signature=s&acl')
    expect(obsV2QuerySubresources(query, 'obs').text).toBe('?acl&x-obs-security-token=t')
    expect(obsV2QuerySubresources(query, 'aws').text).toBe('?acl&x-amz-foo=1&x-obs-security-token=t')
  })
})

describe('OBS/AWS V2 signed URL', () => {
  const target = { bucket: 'examplebucket', key: 'example.jpg' }
  const url = (key: 'AccessKeyId' | 'AWSAccessKeyId', signature = 'O7bA4Lgwsy6BPDSFAvAYwJfWPVU%3D') =>
    `http://127.0.0.1:9000/examplebucket/example.jpg?${key}=ak&Expires=1700000000&x-image-process=image/resize%2Cw_100&Signature=${signature}`

  it('verifies the spec vector in both dialects (AccessKeyId and AWSAccessKeyId)', async () => {
    const authenticate = createAuthenticator({ credentials, now: at(1_699_999_999) })
    expect(await authenticate(new Request(url('AccessKeyId')), target)).toEqual({
      anonymous: false,
      accessKeyId: 'ak',
      scheme: 'obs-v2-query',
      signedParams: new Set(['x-image-process']),
    })
    expect(await authenticate(new Request(url('AWSAccessKeyId')), target)).toMatchObject({ scheme: 'aws-v2-query' })
  })

  it('verifies the persistence vector, and the save target is inside the signature', async () => {
    const authenticate = createAuthenticator({ credentials, now: at(1_699_999_999) })
    const good =
      'http://examplebucket.localhost/example.jpg?AccessKeyId=ak&Expires=1700000000&x-image-process=image/resize%2Cw_100' +
      '&x-image-save-bucket=ZGVzdA&x-image-save-object=b3V0LmpwZw&Signature=14weZuvN78jNUunNr8j%2BB6s1TtE%3D'
    expect((await authenticate(new Request(good), target)).anonymous).toBe(false)
    const redirected = good.replace('b3V0LmpwZw', 'ZXZpbC5qcGc')
    expect((await rejection(authenticate(new Request(redirected), target))).code).toBe('SignatureDoesNotMatch')
  })

  it('rejects expired URLs, wrong secrets, unknown keys and tampered processes', async () => {
    const late = createAuthenticator({ credentials, now: at(1_700_000_001) })
    const expired = await rejection(late(new Request(url('AccessKeyId')), target))
    expect([expired.code, expired.message]).toEqual(['AccessDenied', 'Request has expired.'])
    const authenticate = createAuthenticator({ credentials, now: at(1_699_999_999) })
    expect((await rejection(authenticate(new Request(url('AccessKeyId').replace('w_100', 'w_10')), target))).code).toBe(
      'SignatureDoesNotMatch',
    )
    const unknown = await rejection(authenticate(new Request(url('AccessKeyId').replace('AccessKeyId=ak', 'AccessKeyId=who')), target))
    expect([unknown.code, unknown.message]).toEqual(['InvalidAccessKeyId', 'The access key Id you provided does not exist in our records.'])
    const wrong = createAuthenticator({ credentials: createMemoryCredentialStore({ ak: 'sk2' }), now: at(1_699_999_999) })
    expect((await rejection(wrong(new Request(url('AWSAccessKeyId')), target))).code).toBe('SignatureDoesNotMatch')
  })
})

describe('OBS/AWS V2 header', () => {
  const date = 'Tue, 14 Nov 2023 22:13:20 GMT'
  const now = at(1_700_000_000)
  const target = { bucket: 'bkt', key: 'dir/a b.jpg' }

  async function request(dialect: 'OBS' | 'AWS', headerDate = date, secret = 'sk') {
    const prefix = dialect === 'OBS' ? 'x-obs-' : 'x-amz-'
    const stringToSign = `GET\n\n\n${headerDate}\n${prefix}meta-a:1\n/bkt/dir/a%20b.jpg?x-image-process=image/resize,w_100`
    const headers = { date: headerDate, [`${prefix}meta-a`]: '1', authorization: `${dialect} ak:${await sign(secret, stringToSign)}` }
    return new Request('http://127.0.0.1/bkt/dir/a%20b.jpg?x-image-process=image/resize%2Cw_100', { headers })
  }

  it('verifies OBS and AWS dialects with their own header prefixes', async () => {
    const authenticate = createAuthenticator({ credentials, now })
    expect(await authenticate(await request('OBS'), target)).toMatchObject({ scheme: 'obs-v2-header', accessKeyId: 'ak' })
    expect(await authenticate(await request('AWS'), target)).toMatchObject({ scheme: 'aws-v2-header', accessKeyId: 'ak' })
  })

  it('accepts x-amz-date as the clock, with the Date line empty (S3 rule) or holding Date', async () => {
    const authenticate = createAuthenticator({ credentials, now })
    const amzDate = date
    for (const slot of ['', 'Mon, 01 Jan 2001 00:00:00 GMT']) {
      const signature = await sign('sk', `GET\n\n\n${slot}\nx-amz-date:${amzDate}\n/bkt/k`)
      const headers: Record<string, string> = { 'x-amz-date': amzDate, authorization: `AWS ak:${signature}` }
      if (slot) headers.date = slot
      expect(await authenticate(new Request('http://127.0.0.1/bkt/k', { headers }), { bucket: 'bkt', key: 'k' })).toMatchObject({ scheme: 'aws-v2-header' })
    }
    const stale = { 'x-amz-date': 'Mon, 01 Jan 2001 00:00:00 GMT', date, authorization: 'AWS ak:AAAA' }
    expect((await rejection(authenticate(new Request('http://127.0.0.1/bkt/k', { headers: stale }), { bucket: 'bkt', key: 'k' }))).code).toBe(
      'RequestTimeTooSkewed',
    )
  })

  it('treats an empty key from the router as a bucket-level call (path style /bkt?acl)', async () => {
    const authenticate = createAuthenticator({ credentials, now })
    const signature = await sign('sk', `PUT\n\n\n${date}\n/bkt?acl`)
    const put = new Request('http://127.0.0.1/bkt?acl', { method: 'PUT', headers: { date, authorization: `AWS ak:${signature}` } })
    expect(await authenticate(put, { bucket: 'bkt', key: '' })).toMatchObject({ scheme: 'aws-v2-header', signedParams: new Set(['acl']) })
  })

  it('rejects a wrong secret, a skewed Date, a missing Date and the wrong key', async () => {
    const authenticate = createAuthenticator({ credentials, now })
    expect((await rejection(authenticate(await request('OBS', date, 'no'), target))).code).toBe('SignatureDoesNotMatch')
    expect((await rejection(authenticate(await request('AWS', 'Tue, 14 Nov 2023 21:13:20 GMT'), target))).code).toBe('RequestTimeTooSkewed')
    const noDate = new Request('http://127.0.0.1/bkt/k', { headers: { authorization: 'AWS ak:AAAA' } })
    expect((await rejection(authenticate(noDate, target))).code).toBe('AccessDenied')
    expect((await rejection(authenticate(await request('OBS'), { bucket: 'bkt', key: 'dir/other.jpg' }))).code).toBe(
      'SignatureDoesNotMatch',
    )
  })
})

describe('OBS/AWS V2 decoding matches what the router reads', () => {
  it('a raw + in a signed value is verified as the space the router will read, so %2B cannot be swapped for +', async () => {
    const authenticate = createAuthenticator({ credentials, now: at(1_699_999_999) })
    const target = { bucket: 'examplebucket', key: 'example.jpg' }
    const stringToSign = 'GET\n\n\n1700000000\n/examplebucket/example.jpg?x-image-save-object=a+b'
    const signature = encodeURIComponent(await sign('sk', stringToSign))
    const url = (value: string) =>
      `http://127.0.0.1/examplebucket/example.jpg?AccessKeyId=ak&Expires=1700000000&x-image-save-object=${value}&Signature=${signature}`
    expect((await authenticate(new Request(url('a%2Bb')), target)).anonymous).toBe(false)
    expect((await rejection(authenticate(new Request(url('a+b')), target))).code).toBe('SignatureDoesNotMatch')
  })
})
