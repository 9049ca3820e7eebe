import { describe, expect, it } from 'vitest'
import { createAuthenticator } from './authenticator.js'
import { createMemoryCredentialStore } from './credentials.js'
import {
  ossV4CanonicalQueries,
  ossV4CanonicalRequest,
  ossV4CanonicalUri,
  ossV4SigningKey,
  ossV4StringToSign,
  parseIsoBasic,
  rfc3986,
} from './oss-v4.js'
import { parseQueryPairs } from './query-pairs.js'
import { hmacSha256, toHex } from './web-crypto.js'
import { at, credentials, rejection } from './test-helpers.js'


// Published vector (spec oss-img §8.3; Go/Python/C++/PHP/.NET SDK tests): signed at 1702781677.
const GO_QUERY =
  '%2Bparam1=value3&%2Bparam2=&param1=value1&param2=&%7Cparam1=value4&%7Cparam2=' +
  '&x-oss-credential=ak%2F20231217%2Fcn-hangzhou%2Foss%2Faliyun_v4_request&x-oss-date=20231217T025437Z' +
  '&x-oss-expires=599&x-oss-signature-version=OSS4-HMAC-SHA256' +
  '&x-oss-signature=a39966c61718be0d5b14e668088b3fa07601033f6518ac7b523100014269c0fe'
const GO_HEADERS = {
  'x-oss-head1': 'value',
  abc: 'value',
  ZAbc: 'value',
  XYZ: 'value',
  'content-type': 'application/octet-stream',
}
const goRequest = (query = GO_QUERY, headers: Record<string, string> = GO_HEADERS) =>
  new Request(`http://bucket.oss-cn-hangzhou.aliyuncs.com/1234%2B-/123/1.txt?${query}`, { method: 'PUT', headers })
const goTarget = { bucket: 'bucket', key: '1234+-/123/1.txt' }

// Derived vector with a process string (spec oss-img §8.3).
const PROCESS_QUERY =
  'x-oss-process=image%2Fresize%2Cw_100&x-oss-credential=ak%2F20231203%2Fcn-hangzhou%2Foss%2Faliyun_v4_request' +
  '&x-oss-date=20231203T121212Z&x-oss-expires=3600&x-oss-signature-version=OSS4-HMAC-SHA256' +
  '&x-oss-signature=ced8650e046995748e24be7bbbec955af9ac6117475157c4921a4d9898ddcd4d'
const processRequest = (query = PROCESS_QUERY) => new Request(`http://localhost/examplebucket/example.jpg?${query}`)
const processTarget = { bucket: 'examplebucket', key: 'example.jpg' }
const PROCESS_SIGNED_AT = Date.UTC(2023, 11, 3, 12, 12, 12) / 1000

describe('OSS V4 building blocks', () => {
  it('encodes with the RFC 3986 unreserved set and keeps / in the URI', () => {
    expect(rfc3986("a b/!'()*~._-+")).toBe('a%20b%2F%21%27%28%29%2A~._-%2B')
    expect(ossV4CanonicalUri('bucket', '1234+-/123/1.txt')).toBe('/bucket/1234%2B-/123/1.txt')
    expect(ossV4CanonicalUri('bkt', undefined)).toBe('/bkt/')
    expect(ossV4CanonicalUri(undefined, undefined)).toBe('/')
  })

  it('builds the canonical query of the derived process vector exactly as the spec shows', () => {
    const [first] = ossV4CanonicalQueries(parseQueryPairs(PROCESS_QUERY))
    expect(first).toBe(
      'x-oss-credential=ak%2F20231203%2Fcn-hangzhou%2Foss%2Faliyun_v4_request&x-oss-date=20231203T121212Z&x-oss-expires=3600&x-oss-process=image%2Fresize%2Cw_100&x-oss-signature-version=OSS4-HMAC-SHA256',
    )
  })

  it('computes the derived process vector signature ced8650e…', async () => {
    const [query] = ossV4CanonicalQueries(parseQueryPairs(PROCESS_QUERY))
    const canonical = ossV4CanonicalRequest({ method: 'GET', uri: '/examplebucket/example.jpg', query, headers: new Headers(), additionalHeaders: [] })
    expect(canonical.endsWith('\n\n\nUNSIGNED-PAYLOAD')).toBe(true)
    const stringToSign = await ossV4StringToSign('20231203T121212Z', '20231203/cn-hangzhou/oss/aliyun_v4_request', canonical)
    const key = await ossV4SigningKey('sk', '20231203', 'cn-hangzhou')
    expect(toHex(await hmacSha256(key, stringToSign))).toBe('ced8650e046995748e24be7bbbec955af9ac6117475157c4921a4d9898ddcd4d')
  })

  it('signs values with `=` whole, and offers ali-oss\'s mix of bare sub-resources and `k=` queries', () => {
    const [first] = ossV4CanonicalQueries(parseQueryPairs('x-image-save-object=YS5qcGc='))
    expect(first).toBe('x-image-save-object=YS5qcGc%3D')
    const variants = ossV4CanonicalQueries(parseQueryPairs('versions=&prefix=&uploads'))
    expect(variants).toContain('prefix&uploads&versions')
    expect(variants).toContain('prefix=&uploads&versions=')
    expect(variants).toContain('prefix=&uploads&versions')
  })

  it('parses ISO basic timestamps and rejects anything else', () => {
    expect(parseIsoBasic('20231217T025437Z')?.getTime()).toBe(1_702_781_677_000)
    expect(parseIsoBasic('2023-12-17T02:54:37Z')).toBeNull()
    expect(parseIsoBasic('20231217T025437')).toBeNull()
  })
})

describe('OSS V4 presigned URL', () => {
  it('verifies the published SDK vector (signed headers content-type and x-oss-head1, odd parameter names)', async () => {
    const authenticate = createAuthenticator({ credentials, now: at(1_702_781_677 + 100) })
    const caller = await authenticate(goRequest(), goTarget)
    expect(caller).toMatchObject({ anonymous: false, accessKeyId: 'ak', scheme: 'oss-v4-query' })
    if (!caller.anonymous) expect([...caller.signedParams]).toContain('|param2')
  })

  it('verifies the derived process vector, and the process is inside the signature', async () => {
    const authenticate = createAuthenticator({ credentials, now: at(PROCESS_SIGNED_AT + 10) })
    expect((await authenticate(processRequest(), processTarget)).anonymous).toBe(false)
    const tampered = await rejection(authenticate(processRequest(PROCESS_QUERY.replace('w_100', 'w_200')), processTarget))
    expect(tampered.code).toBe('SignatureDoesNotMatch')
    const appended = await rejection(authenticate(processRequest(`${PROCESS_QUERY}&style=x`), processTarget))
    expect(appended.code).toBe('SignatureDoesNotMatch')
  })

  it('fails when a signed header is missing or changed, or for another key', async () => {
    const authenticate = createAuthenticator({ credentials, now: at(1_702_781_677 + 100) })
    expect((await rejection(authenticate(goRequest(GO_QUERY, { ...GO_HEADERS, 'x-oss-head1': 'other' }), goTarget))).code).toBe(
      'SignatureDoesNotMatch',
    )
    expect((await rejection(authenticate(goRequest(GO_QUERY, { abc: 'value' }), goTarget))).code).toBe('SignatureDoesNotMatch')
    expect((await rejection(authenticate(goRequest(), { bucket: 'bucket', key: '1234+-/123/2.txt' }))).code).toBe('SignatureDoesNotMatch')
  })

  it('enforces x-oss-date + x-oss-expires, a 15-minute allowance for future dates, and 1…604800 s', async () => {
    const late = createAuthenticator({ credentials, now: at(1_702_781_677 + 600) })
    const expired = await rejection(late(goRequest(), goTarget))
    expect([expired.code, expired.message]).toEqual(['AccessDenied', 'Request has expired.'])
    const onTime = createAuthenticator({ credentials, now: at(1_702_781_677 + 599) })
    expect((await onTime(goRequest(), goTarget)).anonymous).toBe(false)
    const early = createAuthenticator({ credentials, now: at(1_702_781_677 - 901) })
    expect((await rejection(early(goRequest(), goTarget))).code).toBe('RequestTimeTooSkewed')
    const tooLong = createAuthenticator({ credentials, now: at(1_702_781_677) })
    expect((await rejection(tooLong(goRequest(GO_QUERY.replace('x-oss-expires=599', 'x-oss-expires=604801')), goTarget))).code).toBe(
      'InvalidArgument',
    )
  })

  it('rejects a wrong secret, an unknown key, a scope date that differs from x-oss-date, and unserved regions', async () => {
    const now = at(1_702_781_677)
    const wrong = createAuthenticator({ credentials: createMemoryCredentialStore({ ak: 'nope' }), now })
    expect((await rejection(wrong(goRequest(), goTarget))).code).toBe('SignatureDoesNotMatch')
    const authenticate = createAuthenticator({ credentials, now })
    const unknown = await rejection(authenticate(goRequest(GO_QUERY.replace('credential=ak', 'credential=zz')), goTarget))
    expect(unknown.code).toBe('InvalidAccessKeyId')
    const otherDay = await rejection(authenticate(goRequest(GO_QUERY.replace('%2F20231217%2F', '%2F20231218%2F')), goTarget))
    expect(otherDay.code).toBe('InvalidArgument')
    const restricted = createAuthenticator({ credentials, now, regions: ['cn-beijing'] })
    expect((await rejection(restricted(goRequest(), goTarget))).code).toBe('InvalidArgument')
    const allowed = createAuthenticator({ credentials, now, regions: ['cn-hangzhou'] })
    expect((await allowed(goRequest(), goTarget)).anonymous).toBe(false)
  })
})

describe('OSS V4 header', () => {
  const date = '20231217T025437Z'
  const now = at(1_702_781_677)

  async function headerRequest(secret = 'sk', headerDate = date, extra: Record<string, string> = {}) {
    const headers = new Headers({ 'x-oss-date': headerDate, 'x-oss-content-sha256': 'UNSIGNED-PAYLOAD', 'content-type': 'image/jpeg', ...extra })
    const query = 'x-oss-process=image%2Fresize%2Cw_100'
    const [canonicalQuery] = ossV4CanonicalQueries(parseQueryPairs(query))
    const canonical = ossV4CanonicalRequest({ method: 'GET', uri: '/bkt/a%20b.jpg', query: canonicalQuery, headers, additionalHeaders: [] })
    const scope = `${headerDate.slice(0, 8)}/cn-hangzhou/oss/aliyun_v4_request`
    const key = await ossV4SigningKey(secret, headerDate.slice(0, 8), 'cn-hangzhou')
    const signature = toHex(await hmacSha256(key, await ossV4StringToSign(headerDate, scope, canonical)))
    headers.set('authorization', `OSS4-HMAC-SHA256 Credential=ak/${scope},Signature=${signature}`)
    return new Request(`http://bkt.localhost/a%20b.jpg?${query}`, { headers })
  }

  it('verifies, and rejects a wrong secret, a skewed x-oss-date and a missing x-oss-date', async () => {
    const authenticate = createAuthenticator({ credentials, now })
    const target = { bucket: 'bkt', key: 'a b.jpg' }
    expect(await authenticate(await headerRequest(), target)).toMatchObject({ accessKeyId: 'ak', scheme: 'oss-v4-header' })
    expect((await rejection(authenticate(await headerRequest('bad'), target))).code).toBe('SignatureDoesNotMatch')
    const skewed = createAuthenticator({ credentials, now: at(1_702_781_677 + 901) })
    expect((await rejection(skewed(await headerRequest(), target))).code).toBe('RequestTimeTooSkewed')
    const noDate = new Request('http://bkt.localhost/a', { headers: { authorization: 'OSS4-HMAC-SHA256 Credential=ak/20231217/cn-hangzhou/oss/aliyun_v4_request,Signature=00' } })
    expect((await rejection(authenticate(noDate, target))).code).toBe('AccessDenied')
    const broken = new Request('http://bkt.localhost/a', { headers: { authorization: 'OSS4-HMAC-SHA256 Signature=00', 'x-oss-date': date } })
    expect((await rejection(authenticate(broken, target))).code).toBe('InvalidArgument')
  })
})
