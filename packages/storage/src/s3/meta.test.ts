import { describe, expect, it } from 'vitest'
import { metaFromHeaders, putHeaders } from './meta.js'
import { rangeHeader } from './range.js'

describe('S3 metadata headers', () => {
  it('round-trips user metadata, standard headers and the ACL; hides the adapter\'s own fields', () => {
    const sent = putHeaders({
      contentType: 'image/png', userMeta: { Owner: 'ann', 'imgproc-acl': 'spoof' },
      headers: { 'cache-control': 'no-cache', 'content-encoding': 'gzip' }, acl: 'public-read',
    })
    expect(sent).toMatchObject({ 'content-type': 'image/png', 'x-amz-meta-owner': 'ann', 'cache-control': 'no-cache', 'x-amz-meta-imgproc-acl': 'public-read' })
    // Content-Encoding is kept as metadata: fetch would otherwise decompress the body on GET
    expect(sent['content-encoding']).toBeUndefined()
    const back = metaFromHeaders('k', new Headers({ ...sent, 'content-length': '7', etag: '"e"', 'last-modified': 'Wed, 20 May 2020 12:07:15 GMT' }))
    expect(back).toMatchObject({
      key: 'k', size: 7, etag: 'e', contentType: 'image/png', userMeta: { owner: 'ann' }, acl: 'public-read',
      headers: { 'cache-control': 'no-cache', 'content-encoding': 'gzip' },
    })
    expect(back.lastModified.toUTCString()).toBe('Wed, 20 May 2020 12:07:15 GMT')
  })

  it('takes the full size from Content-Range on partial replies', () => {
    expect(metaFromHeaders('k', new Headers({ 'content-length': '3', 'content-range': 'bytes 2-4/10' })).size).toBe(10)
  })

  it('writes Range headers and refuses impossible ranges before asking', () => {
    expect(rangeHeader({ start: 2, end: 4 })).toBe('bytes=2-4')
    expect(rangeHeader({ start: 7 })).toBe('bytes=7-')
    expect(rangeHeader({ suffix: 3 })).toBe('bytes=-3')
    for (const bad of [{ suffix: 0 }, { start: -1 }, { start: 4, end: 2 }]) {
      expect(() => rangeHeader(bad)).toThrow(expect.objectContaining({ code: 'InvalidRange' }))
    }
  })
})
