import { describe, expect, it } from 'vitest'
import { detectDialect, headerPrefix, signatureFamily, type ApiDialect } from './dialect.js'

const request = (query: string, headers: Record<string, string> = {}) => {
  const url = new URL(`http://localhost/bkt/a.jpg${query}`)
  return [new Request(url, { headers }), url.searchParams] as const
}

describe('headerPrefix', () => {
  it('is the prefix each client reads: AWS replies use x-amz-, not the dialect name', () => {
    expect((['oss', 'obs', 'aws'] as ApiDialect[]).map(headerPrefix)).toEqual(['x-oss-', 'x-obs-', 'x-amz-'])
  })
})

describe('signatureFamily', () => {
  it.each([
    ['', { authorization: 'OBS ak:sig' }, 'obs'],
    ['', { authorization: 'AWS ak:sig' }, 'aws'],
    ['', { authorization: 'AWS4-HMAC-SHA256 Credential=ak/20260101/r/s3/aws4_request, SignedHeaders=host, Signature=0' }, 'aws'],
    ['', { authorization: 'OSS ak:sig' }, 'oss'],
    ['', { authorization: 'OSS4-HMAC-SHA256 Credential=ak/20260101/r/oss/aliyun_v4_request,Signature=0' }, 'oss'],
    ['?AccessKeyId=ak&Expires=1&Signature=s', {}, 'obs'],
    ['?AWSAccessKeyId=ak&Expires=1&Signature=s', {}, 'aws'],
    ['?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ak', {}, 'aws'],
    ['?OSSAccessKeyId=ak&Expires=1&Signature=s', {}, 'oss'],
    ['?x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-signature=s', {}, 'oss'],
    ['?x-image-process=image/info', { 'x-obs-date': 'now' }, undefined],
  ] as const)('%s %j -> %s', (query, headers, family) => {
    expect(signatureFamily(...request(query, headers))).toBe(family)
  })
})

describe('detectDialect', () => {
  it('a signed request speaks its signature family, whatever the route or other headers name', () => {
    expect(detectDialect(...request('?x-image-process=image/info', { authorization: 'AWS ak:sig', 'x-obs-date': 'now' }))).toBe('aws')
    expect(detectDialect(...request('?x-oss-process=image/info', { authorization: 'OBS ak:sig', 'x-amz-date': 'now' }))).toBe('obs')
    expect(detectDialect(...request('?x-image-process=image/info&AWSAccessKeyId=ak', { 'x-obs-date': 'now' }))).toBe('aws')
  })

  it('an unsigned request falls back to the names it uses', () => {
    expect(detectDialect(...request('?x-image-process=image/info'))).toBe('obs')
    expect(detectDialect(...request('', { 'x-amz-date': 'now' }))).toBe('aws')
    expect(detectDialect(...request('?x-oss-process=image/info', { 'x-obs-date': 'now' }))).toBe('oss')
    expect(detectDialect(...request(''))).toBe('oss')
  })
})
