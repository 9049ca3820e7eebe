import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeBase64Text, encodeBase64Url, utf8Length } from './base64.js'

describe('decodeBase64Text', () => {
  it.each([
    ['cGFuZGEucG5n', 'panda.png'],
    ['aW1hZ2UvcGFuZGEucG5n', 'image/panda.png'],
    ['SGVsbG8gV29ybGQ', 'Hello World'],
    ['SGVsbG8g5Zu-54mH5pyN5YqhIQ', 'Hello 图片服务!'],
    ['SGVsbG8g5Zu+54mH5pyN5YqhIQ==', 'Hello 图片服务!'],
    ['dGVzdC5qcGc', 'test.jpg'],
    ['dGVzdA', 'test'],
    ['dGVzdA==', 'test'],
    ['d3F5LXplbmhlaQ', 'wqy-zenhei'],
    ['ZmFuZ3poZW5nc2h1c29uZw', 'fangzhengshusong'],
    ['ZHJvaWRzYW5zZmFsbGJhY2s', 'droidsansfallback'],
  ])('%s -> %s (spec §1.3 worked values, either alphabet, padded or not)', (encoded, text) => {
    expect(decodeBase64Text(encoded)).toBe(text)
  })

  it.each([
    ['', 'empty'],
    ['dGVzdA=', 'padding that does not complete a quartet'],
    ['dGVzdA===', 'three padding characters'],
    ['d', 'one character (impossible length)'],
    ['dGVzd', 'length 5 (impossible length)'],
    ['dG Vz', 'whitespace (atob would skip it)'],
    ['dGVz*A', 'a character outside both alphabets'],
    ['dGVz=dA', 'padding in the middle'],
    ['-w', 'bytes that are not UTF-8'],
    ['5Zu', 'a truncated UTF-8 sequence'],
    ['ÿÿÿÿ', 'non-ASCII characters'],
  ])('rejects %j (%s)', (encoded) => {
    expect(decodeBase64Text(encoded)).toBeUndefined()
  })
})

describe('encodeBase64Url', () => {
  it('writes the URL-safe alphabet without padding', () => {
    expect(encodeBase64Url('Hello 图片服务!')).toBe('SGVsbG8g5Zu-54mH5pyN5YqhIQ')
    expect(encodeBase64Url('panda.png?x-oss-process=image/resize,P_30')).toBe(
      'cGFuZGEucG5nP3gtb3NzLXByb2Nlc3M9aW1hZ2UvcmVzaXplLFBfMzA',
    )
    expect(encodeBase64Url('???>>>')).toBe('Pz8_Pj4-')
  })

  it('round-trips any well-formed Unicode text, in either alphabet and padding', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), (text) => {
        const url = encodeBase64Url(text)
        expect(url).toMatch(/^[A-Za-z0-9_-]+$/)
        expect(decodeBase64Text(url)).toBe(text)
        const standard = url.replace(/-/g, '+').replace(/_/g, '/')
        expect(decodeBase64Text(standard + '='.repeat((4 - (standard.length % 4)) % 4))).toBe(text)
      }),
    )
  })

  it('counts UTF-8 bytes', () => {
    expect(utf8Length('abc')).toBe(3)
    expect(utf8Length('图')).toBe(3)
    expect(utf8Length('😀')).toBe(4)
    expect(utf8Length('\ud800x')).toBe(4)
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length)
      }),
    )
  })
})
