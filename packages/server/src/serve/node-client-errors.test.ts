// Requests Node's parser or @hono/node-server refuse, and requests with too many header lines,
// sent as raw bytes to serve(): each gets OSS error XML with a request id, never a bare reply.
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMemoryStorage } from '@imgproc/storage'
import { ImgError } from '@imgproc/types'
import { strictXmlErrors } from '../xml/testing-strict-xml.js'
import { clientErrorReply, rawErrorReply } from './node-client-errors.js'
import { serve, type RunningServer } from './node.js'

let server: RunningServer

beforeAll(async () => {
  const storage = createMemoryStorage()
  await storage.createBucket('bkt', { acl: 'public-read' })
  await storage.put('bkt', 'a.txt', new TextEncoder().encode('hello'))
  const engine = { process: async () => Promise.reject(new ImgError('NotImplemented')) }
  server = await serve({ storage, engine, port: 0, hostname: '127.0.0.1', onError: () => {} })
})
afterAll(() => server?.close())

/**
 * Sends `bytes` (each part once the server has answered the one before), returns everything the
 * server writes until it closes the connection. `endAfterWrite` half-closes after the last part.
 */
function exchange(bytes: string | string[], { endAfterWrite = false, port = server.port } = {}): Promise<string> {
  const parts = typeof bytes === 'string' ? [bytes] : [...bytes]
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let text = ''
    const sendNext = () => {
      const part = parts.shift()
      if (part !== undefined) socket.write(part, 'latin1', () => (endAfterWrite && parts.length === 0 ? socket.end() : undefined))
    }
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      text += chunk
      sendNext()
    })
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? resolve(text) : reject(error)))
    socket.on('close', () => resolve(text))
    socket.setTimeout(5000, () => socket.destroy(new Error(`no close; got ${JSON.stringify(text.slice(0, 200))}`)))
    sendNext()
  })
}

interface Reply {
  status: number
  headers: Map<string, string>
  body: string
}

function parseReply(raw: string): Reply {
  const end = raw.indexOf('\r\n\r\n')
  expect(end, raw.slice(0, 200)).toBeGreaterThan(0)
  const [statusLine, ...lines] = raw.slice(0, end).split('\r\n')
  const headers = new Map(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]))
  return { status: Number(statusLine!.split(' ')[1]), headers, body: raw.slice(end + 4) }
}

/** The reply is OSS error XML with `code`, the request id in header and body, and `status`. */
function expectOssError(raw: string, status: number, code: string): Reply {
  const reply = parseReply(raw)
  expect(reply.status, raw.slice(0, 300)).toBe(status)
  expect(reply.headers.get('content-type')).toBe('application/xml')
  const requestId = reply.headers.get('x-oss-request-id')
  expect(requestId).toMatch(/^[0-9A-F]{24}$/)
  expect(strictXmlErrors(reply.body)).toEqual([])
  expect(reply.body).toContain(`<Code>${code}</Code>`)
  expect(reply.body).toContain(`<RequestId>${requestId}</RequestId>`)
  expect(reply.body).toMatch(/<Message>[^<]+<\/Message>/)
  expect(reply.body).toContain('<HostId>')
  return reply
}

const headerLines = (count: number) => Array.from({ length: count }, (_, i) => `x-h-${i}: v\r\n`).join('')

describe('header count', () => {
  it('refuses 3000 header lines with 400 RequestHeaderTooLarge from the handler, not a silent cut', async () => {
    const raw = await exchange(`GET /bkt/a.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${headerLines(3000)}\r\n`)
    const reply = expectOssError(raw, 400, 'RequestHeaderTooLarge')
    expect(reply.body).toContain('more than 100 header lines')
  })

  it('refuses 3000 copies of one header too (Headers would join them into one entry)', async () => {
    const raw = await exchange(`GET /bkt/a.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${'x-same: 1\r\n'.repeat(3000)}\r\n`)
    expectOssError(raw, 400, 'RequestHeaderTooLarge')
  })

  it('serves a request with 99 header lines', async () => {
    const raw = await exchange(`GET /bkt/a.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${headerLines(97)}\r\n`)
    const reply = parseReply(raw)
    expect(reply.status).toBe(200)
    expect(reply.body).toBe('hello')
  })
})

describe('header count above Node\'s default of 1000 kept lines', () => {
  let wide: RunningServer
  beforeAll(async () => {
    const limits = { maxHeaderCount: 2500, maxHeaderBytes: 64 * 1024 }
    wide = await serve({ storage: createMemoryStorage(), engine: { process: async () => Promise.reject(new ImgError('NotImplemented')) }, port: 0, hostname: '127.0.0.1', limits })
  })
  afterAll(() => wide?.close())

  it('sees every line up to the limit and one past it, so nothing is cut silently', async () => {
    const ask = (count: number) => exchange(`GET /-/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${headerLines(count)}\r\n`, { port: wide.port })
    expect(parseReply(await ask(2400)).status).toBe(200)
    expect(expectOssError(await ask(3000), 400, 'RequestHeaderTooLarge').body).toContain('more than 2500 header lines')
  })
})

describe('requests Node or @hono/node-server refuse before the handler', () => {
  const cases: Array<[name: string, bytes: string, status: number, code: string]> = [
    ['a request line that is not HTTP', 'HELLO\r\n\r\n', 400, 'BadRequest'],
    ['an unknown method', 'FROB /bkt/a.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 400, 'BadRequest'],
    ['a bad HTTP version', 'GET /bkt/a.txt HTTP/7.7\r\nHost: 127.0.0.1\r\n\r\n', 400, 'BadRequest'],
    ['a space in the target', 'GET /bkt/a b HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 400, 'BadRequest'],
    ['a header name with a space', 'GET /bkt/a.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Name: x\r\n\r\n', 400, 'BadRequest'],
    ['a control character in a header value', 'GET /bkt/a.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: a\x01b\r\n\r\n', 400, 'BadRequest'],
    ['a bare LF line end', 'GET /bkt/a.txt HTTP/1.1\nHost: 127.0.0.1\n\n', 400, 'BadRequest'],
    ['headers over Node’s maxHeaderSize (431 from Node)', `GET /bkt/a.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(80 * 1024)}\r\n\r\n`, 400, 'RequestHeaderTooLarge'],
    ['two Content-Length values', 'PUT /bkt/b HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab', 400, 'BadRequest'],
    ['a non-numeric Content-Length', 'PUT /bkt/b HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: x\r\n\r\n', 400, 'BadRequest'],
    ['Content-Length with chunked', 'PUT /bkt/b HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n', 400, 'BadRequest'],
    ['bad chunked encoding', 'PUT /bkt/b HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n', 400, 'BadRequest'],
    ['an unknown transfer coding', 'PUT /bkt/b HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: gzip\r\n\r\n', 400, 'BadRequest'],
    ['HTTP/2 prior knowledge', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 400, 'BadRequest'],
    // these pass the parser, so the connection stays open unless the request asks otherwise
    ['no Host header', 'GET /bkt/a.txt HTTP/1.1\r\nConnection: close\r\n\r\n', 400, 'BadRequest'],
    ['an empty Host header', 'GET /bkt/a.txt HTTP/1.1\r\nHost:\r\nConnection: close\r\n\r\n', 400, 'BadRequest'],
    ['an unclosed IPv6 Host', 'GET /bkt/a.txt HTTP/1.1\r\nHost: [::1\r\nConnection: close\r\n\r\n', 400, 'BadRequest'],
    ['a Host with a space', 'GET /bkt/a.txt HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n', 400, 'BadRequest'],
    ['a Host with a path', 'GET /bkt/a.txt HTTP/1.1\r\nHost: a/b\r\nConnection: close\r\n\r\n', 400, 'BadRequest'],
    ['two Host headers', 'GET /a.txt HTTP/1.1\r\nHost: bkt.localhost\r\nHost: other.localhost\r\nConnection: close\r\n\r\n', 400, 'BadRequest'],
    ['an asterisk target', 'OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n', 400, 'BadRequest'],
    ['a backslash in the path', 'GET /bkt\\a.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n', 400, 'BadRequest'],
    ['a request cut off by the client', 'GET /bkt/a.txt HTTP/1.1\r\nHost: 127.0', 400, 'BadRequest'],
  ]
  it.each(cases)('%s', async (_name, bytes, status, code) => {
    expectOssError(await exchange(bytes, { endAfterWrite: true }), status, code)
  })

  it('closes the connection after a parser error, saying so', async () => {
    const reply = parseReply(await exchange('HELLO\r\n\r\n'))
    expect(reply.headers.get('connection')).toBe('close')
    expect(Number(reply.headers.get('content-length'))).toBe(new TextEncoder().encode(reply.body).length)
  })

  it('answers a malformed request that follows a good one on a kept-alive connection', async () => {
    const raw = await exchange(['GET /bkt/a.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 'HELLO\r\n\r\n'])
    const second = raw.indexOf('HTTP/1.1 400')
    expect(raw.startsWith('HTTP/1.1 200')).toBe(true)
    expect(second).toBeGreaterThan(0)
    expectOssError(raw.slice(second), 400, 'BadRequest')
  })

  it('still serves well-formed requests after all that', async () => {
    const res = await fetch(`${server.url}/bkt/a.txt`)
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('hello')
  })
})

describe('clientErrorReply', () => {
  it('answers nobody for a reset or broken connection', () => {
    expect(clientErrorReply(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBeNull()
    expect(clientErrorReply(Object.assign(new Error('x'), { code: 'EPIPE' }))).toBeNull()
  })

  it('maps a request timeout to the handler deadline code', () => {
    expect(clientErrorReply(Object.assign(new Error('x'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' }))?.code).toBe('RequestTimeout')
  })

  it('writes a complete HTTP/1.1 reply', () => {
    const raw = rawErrorReply(new ImgError('BadRequest', 'é'), 'ABCDEF0123456789ABCDEF01')
    expect(raw.startsWith('HTTP/1.1 400 Bad Request\r\n')).toBe(true)
    const body = raw.slice(raw.indexOf('\r\n\r\n') + 4)
    expect(raw).toContain(`Content-Length: ${new TextEncoder().encode(body).length}\r\n`)
  })
})
