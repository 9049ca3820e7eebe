import { describe, expect, it } from 'vitest'
import { checkContentMd5, md5Hex, readBody } from './body.js'

function streamed(chunks: string[]): Request {
  const encoder = new TextEncoder()
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk))
      controller.close()
    },
  })
  return new Request('http://x/', { method: 'PUT', body, duplex: 'half' } as RequestInit)
}

describe('readBody', () => {
  it('joins a chunked body', async () => {
    expect(new TextDecoder().decode(await readBody(streamed(['ab', 'cd', 'e']), 10))).toBe('abcde')
  })

  it('refuses a declared length over the cap before reading', async () => {
    const req = new Request('http://x/', { method: 'PUT', body: 'x', headers: { 'content-length': '99' } })
    await expect(readBody(req, 10)).rejects.toMatchObject({ code: 'EntityTooLarge' })
  })

  it('cuts a chunked body off at the cap', async () => {
    await expect(readBody(streamed(['123456', '789012']), 10)).rejects.toMatchObject({ code: 'EntityTooLarge' })
  })
})

describe('Content-MD5', () => {
  const body = new TextEncoder().encode('hello')
  it('computes the hex MD5 ETag', () => {
    expect(md5Hex(body)).toBe('5d41402abc4b2a76b9719d911017c592')
  })
  it('accepts the right digest and refuses a wrong one with InvalidDigest', () => {
    const ok = new Request('http://x/', { method: 'PUT', headers: { 'content-md5': 'XUFAKrxLKna5cZ2REBfFkg==' } })
    expect(() => checkContentMd5(ok, body)).not.toThrow()
    const bad = new Request('http://x/', { method: 'PUT', headers: { 'content-md5': '1B2M2Y8AsgTpgAmY7PhCfg==' } })
    expect(() => checkContentMd5(bad, body)).toThrow(expect.objectContaining({ code: 'InvalidDigest', status: 400 }))
  })
})
