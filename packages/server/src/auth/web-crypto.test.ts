import { createHash, createHmac } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { constantTimeEqual, fromBase64, fromHex, hmacSha1, hmacSha256, sha256Hex, toBase64, toHex } from './web-crypto.js'

describe('web-crypto primitives agree with node:crypto', () => {
  it('HMAC-SHA1, HMAC-SHA256 and SHA-256 on arbitrary UTF-8 text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string({ unit: 'grapheme' }), async (key, data) => {
        expect(toBase64(await hmacSha1(key, data))).toBe(createHmac('sha1', key).update(data).digest('base64'))
        expect(toHex(await hmacSha256(key, data))).toBe(createHmac('sha256', key).update(data).digest('hex'))
        expect(await sha256Hex(data)).toBe(createHash('sha256').update(data).digest('hex'))
      }),
      { numRuns: 50 },
    )
  })

  it('keeps HMAC right across many secrets (the per-secret keyed state is cloned, and its cache bounded)', async () => {
    const message = 'GET\n\n\nFri, 04 Dec 2026 16:07:00 GMT\n/bkt/key'
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 600; i += 7) {
        const secret = `secret-${i}`
        expect(toBase64(await hmacSha1(secret, message))).toBe(createHmac('sha1', secret).update(message).digest('base64'))
        expect(toHex(await hmacSha256(secret, `${message}${i}`))).toBe(createHmac('sha256', secret).update(`${message}${i}`).digest('hex'))
      }
    }
    const key = new Uint8Array([1, 2, 3])
    expect(toHex(await hmacSha256(key, 'x'))).toBe(createHmac('sha256', key).update('x').digest('hex'))
  })

  it('base64 and hex round-trip any bytes; malformed text decodes to null', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(fromBase64(toBase64(bytes))).toEqual(bytes)
        expect(fromHex(toHex(bytes))).toEqual(bytes)
      }),
    )
    expect(fromBase64('ab$=')).toBeNull()
    expect(fromBase64('a')).toBeNull()
    expect(fromHex('abc')).toBeNull()
    expect(fromHex('zz')).toBeNull()
  })

  it('constantTimeEqual is plain equality on bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 32 }), fc.uint8Array({ maxLength: 32 }), (a, b) => {
        const same = a.length === b.length && a.every((v, i) => v === b[i])
        expect(constantTimeEqual(a, b)).toBe(same)
        expect(constantTimeEqual(a, a.slice())).toBe(true)
      }),
    )
  })
})
