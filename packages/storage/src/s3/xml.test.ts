import { describe, expect, it } from 'vitest'
import { completeMultipartXml, parseError, parseListBuckets, parseListV2, parseUploadId } from './xml.js'

describe('S3 XML', () => {
  it('reads a url-encoded ListObjectsV2 page, single and repeated elements alike', () => {
    const page = parseListV2(`<?xml version="1.0"?><ListBucketResult><EncodingType>url</EncodingType><IsTruncated>true</IsTruncated>
      <NextContinuationToken>tok/1</NextContinuationToken>
      <Contents><Key>sp%20ace%2Bplus</Key><LastModified>2026-01-02T03:04:05.000Z</LastModified><ETag>&quot;abc&quot;</ETag><Size>5</Size></Contents>
      <CommonPrefixes><Prefix>a%2F</Prefix></CommonPrefixes></ListBucketResult>`)
    expect(page).toEqual({
      contents: [{ key: 'sp ace+plus', size: 5, etag: 'abc', lastModified: new Date('2026-01-02T03:04:05.000Z') }],
      commonPrefixes: ['a/'],
      nextContinuationToken: 'tok/1',
    })
    expect(parseListV2('<ListBucketResult><IsTruncated>false</IsTruncated></ListBucketResult>')).toEqual({ contents: [], commonPrefixes: [] })
  })

  it('reads errors, buckets and upload ids; writes the completion body', () => {
    expect(parseError('<Error><Code>NoSuchKey</Code><Message>gone &amp; lost</Message></Error>')).toEqual({ code: 'NoSuchKey', message: 'gone & lost' })
    expect(parseError('not xml at all <')).toBeUndefined()
    expect(parseListBuckets('<ListAllMyBucketsResult><Buckets><Bucket><Name>b1x</Name><CreationDate>2026-01-01T00:00:00Z</CreationDate></Bucket></Buckets></ListAllMyBucketsResult>'))
      .toEqual([{ name: 'b1x', createdAt: new Date('2026-01-01T00:00:00Z') }])
    expect(parseUploadId('<InitiateMultipartUploadResult><UploadId>2~abc</UploadId></InitiateMultipartUploadResult>')).toBe('2~abc')
    expect(completeMultipartXml([{ partNumber: 1, etag: 'e1' }])).toContain('<Part><PartNumber>1</PartNumber><ETag>"e1"</ETag></Part>')
  })
})
