import { describe, expect, it } from 'vitest'
import { asWebRequest, Reply, toResponse, type ServerRequest } from './server-request.js'

const headersOf = (pairs: Array<[string, string]>) => new Headers(pairs)

function plain(method: string, body: ReadableStream<Uint8Array> | null = null): ServerRequest {
  return { method, url: 'http://h/bkt/k?x=1', headers: headersOf([['x-a', '1'], ['host', 'h']]), signal: new AbortController().signal, body }
}

describe('Reply', () => {
  it('becomes the Response it describes', async () => {
    const response = toResponse(new Reply(206, { 'content-range': 'bytes 0-1/5', etag: '"e"' }, new Uint8Array([104, 105])))
    expect(response.status).toBe(206)
    expect(response.headers.get('etag')).toBe('"e"')
    expect(await response.text()).toBe('hi')
    const already = new Response('x')
    expect(toResponse(already)).toBe(already)
  })
})

describe('Reply with a shared body (a cached result)', () => {
  it('becomes a Response over a copy, so nothing done with that Response reaches the shared bytes', async () => {
    const shared = new Uint8Array([1, 2, 3, 4])
    const response = toResponse(new Reply(200, { 'content-type': 'image/jpeg' }, shared, 'shared'))
    const sent = new Uint8Array(await response.arrayBuffer())
    structuredClone(sent.buffer, { transfer: [sent.buffer] })
    expect(shared).toEqual(new Uint8Array([1, 2, 3, 4]))
    expect(new Reply(200, {}, shared, 'shared').body).toBe(shared) // the Node adapter writes it as it is
  })
})

describe('asWebRequest', () => {
  it('is the Request itself when given one', () => {
    const request = new Request('http://h/')
    expect(asWebRequest(request)).toBe(request)
  })

  it('makes a Request with the method, URL, headers and body', async () => {
    const body = new ReadableStream<Uint8Array>({ start: (c) => (c.enqueue(new TextEncoder().encode('up')), c.close()) })
    const made = asWebRequest(plain('PUT', body))
    expect(made.method).toBe('PUT')
    expect(made.url).toBe('http://h/bkt/k?x=1')
    expect(made.headers.get('x-a')).toBe('1')
    expect(await made.text()).toBe('up')
    expect(asWebRequest(plain('GET')).body).toBeNull()
  })

  it('keeps a method a Request refuses (TRACE) by name', () => {
    expect(asWebRequest(plain('TRACE')).method).toBe('TRACE')
  })
})
