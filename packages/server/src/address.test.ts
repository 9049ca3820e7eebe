import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { assertBucketName, assertObjectName, hostWithoutPort, resolveAddress } from './address.js'

const at = (path: string, host: string, options = {}) => resolveAddress(new URL(`http://x${path}`), host, options)

describe('resolveAddress', () => {
  it('reads path style from localhost and IPs', () => {
    expect(at('/bkt/dir/a%20b.jpg', 'localhost:8080')).toEqual({ bucket: 'bkt', key: 'dir/a b.jpg', style: 'path', host: 'localhost' })
    expect(at('/bkt', '127.0.0.1')).toMatchObject({ bucket: 'bkt', key: undefined })
    expect(at('/bkt/', '[::1]:9000')).toMatchObject({ bucket: 'bkt', key: undefined, host: '[::1]' })
    expect(at('/', '127.0.0.1:1')).toEqual({ style: 'path', host: '127.0.0.1' })
  })

  it('reads the bucket from the Host ali-oss sends to an IP endpoint', () => {
    expect(at('/k.jpg', 'bkt.oss-cn-hangzhou.aliyuncs.com')).toMatchObject({ bucket: 'bkt', key: 'k.jpg', style: 'virtual-host' })
    expect(at('/', 'bkt.oss-cn-beijing-internal.aliyuncs.com')).toMatchObject({ bucket: 'bkt', key: undefined })
  })

  it('reads virtual hosts under configured domains and any other dotted name', () => {
    expect(at('/k', 'bkt.localhost')).toMatchObject({ bucket: 'bkt', key: 'k' })
    expect(at('/k', 'bkt.img.example.com:443', { domains: ['img.example.com'] })).toMatchObject({ bucket: 'bkt' })
    expect(at('/bkt/k', 'img.example.com', { domains: ['img.example.com'] })).toMatchObject({ bucket: 'bkt', key: 'k', style: 'path' })
    expect(at('/k', 'bkt.anything.test')).toMatchObject({ bucket: 'bkt', key: 'k', style: 'virtual-host' })
    expect(at('/bkt/k', 'bkt.anything.test', { anyVirtualHost: false })).toMatchObject({ bucket: 'bkt', style: 'path' })
  })

  it('refuses a Host that is not a name or address with an optional port with 400 BadRequest', () => {
    for (const host of ['[::1', 'a b', 'bkt.localhost, other.localhost', '', 'x:y', 'a/b', 'a@b']) {
      expect(() => at('/bkt/k', host), host).toThrow(expect.objectContaining({ code: 'BadRequest', message: 'The Host header is not valid.' }))
    }
    expect(at('/bkt/k', 'Some_Host.example:')).toMatchObject({ bucket: 'some_host', host: 'some_host.example' })
  })

  it('keeps a plus sign and decodes percent escapes', () => {
    expect(at('/bkt/a+b%2Bc%E4%B8%AD', 'localhost').key).toBe('a+b+c中')
  })

  it('rejects broken percent-encoding with InvalidObjectName', () => {
    expect(() => at('/bkt/%E4%B8', 'localhost')).toThrow(expect.objectContaining({ code: 'InvalidObjectName' }))
  })

  it('round-trips any key encoded the way ali-oss encodes it', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, unit: 'grapheme' }), (key) => {
        // WHATWG URL parsing folds `.` and `..` path segments; such keys are not addressable (README)
        fc.pre(!key.split('/').some((segment) => segment === '.' || segment === '..'))
        const path = '/bkt/' + encodeURIComponent(key).replace(/%2F/g, '/')
        expect(at(path, 'localhost').key).toBe(key)
      }),
    )
  })
})

describe('names', () => {
  it('validates bucket names', () => {
    expect(() => assertBucketName('my-bucket-1')).not.toThrow()
    for (const bad of ['ab', 'Upper', '-lead', 'trail-', 'a_b', 'x'.repeat(64)]) {
      expect(() => assertBucketName(bad)).toThrow(expect.objectContaining({ code: 'InvalidBucketName' }))
    }
  })

  it('validates object names', () => {
    expect(() => assertObjectName('dir/a b.jpg')).not.toThrow()
    for (const bad of ['', '/lead', '\\lead', 'a\u0000b', 'x'.repeat(1024)]) {
      expect(() => assertObjectName(bad)).toThrow(expect.objectContaining({ code: 'InvalidObjectName' }))
    }
  })

  it('strips ports', () => {
    expect(hostWithoutPort('Example.COM:80')).toBe('example.com')
    expect(hostWithoutPort('[::1]:80')).toBe('[::1]')
  })
})
