// The Node adapter (node-http.ts) on the wire: the same answers as the fetch handler gives for the
// same requests (one handler, two adapters), the header lines as @hono/node-server wrote them,
// small bodies from the filesystem adapter as bytes and large ones streamed, a stream cancelled
// when the client leaves, and an unread request body drained so the connection carries on.
import { mkdtemp, rm } from 'node:fs/promises'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMemoryStorage } from '@imgproc/storage'
import { createFileStorage } from '@imgproc/storage/node-fs'
import { ImgError, type StorageAdapter } from '@imgproc/types'
import { createAuthenticator, createMemoryCredentialStore } from '../auth/index.js'
import { serve, type RunningServer } from './node.js'

const engine = { process: async () => Promise.reject(new ImgError('NotImplemented')) }
const auth = createAuthenticator({ credentials: createMemoryCredentialStore({ AK: 'SECRET' }) })
const big = new Uint8Array(3 * 1024 * 1024).map((_, i) => (i * 7) & 255)

/** Writes `bytes`, returns all the server sends until it closes the connection. */
function exchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let text = ''
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => (text += chunk))
    socket.on('error', reject)
    socket.on('close', () => resolve(text))
    socket.write(bytes, 'latin1')
  })
}

const headerLines = (raw: string) => raw.slice(0, raw.indexOf('\r\n\r\n')).split('\r\n').slice(1)

let dir: string
let server: RunningServer
let storage: StorageAdapter
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'imgproc-node-http-'))
  storage = createFileStorage({ root: dir })
  await storage.createBucket('bkt', { acl: 'public-read' })
  await storage.put('bkt', 'a.txt', new TextEncoder().encode('hello'), { contentType: 'text/plain', userMeta: { k: 'v' } })
  await storage.put('bkt', 'big.bin', big)
  server = await serve({ storage, auth, engine, port: 0, hostname: '127.0.0.1', onError: () => {} })
})
afterAll(async () => {
  await server?.close()
  await rm(dir, { recursive: true, force: true })
})

describe('the Node adapter and the fetch handler answer alike', () => {
  const requests: Array<[string, RequestInit & { path: string }]> = [
    ['GET', { path: '/bkt/a.txt' }],
    ['HEAD', { path: '/bkt/a.txt', method: 'HEAD' }],
    ['GET with Range', { path: '/bkt/a.txt', headers: { range: 'bytes=1-2' } }],
    ['GET 304', { path: '/bkt/a.txt', headers: { 'if-none-match': '*' } }],
    ['GET 412', { path: '/bkt/a.txt', headers: { 'if-match': '"nope"' } }],
    ['GET missing', { path: '/bkt/none' }],
    ['HEAD missing, OBS', { path: '/bkt/none', method: 'HEAD', headers: { 'x-obs-date': 'x' } }],
    ['PUT refused', { path: '/bkt/new', method: 'PUT', body: 'abc' }],
    ['DELETE refused', { path: '/bkt/a.txt', method: 'DELETE' }],
    ['listing', { path: '/bkt/' }],
    ['health', { path: '/-/health' }],
    ['bad signature', { path: '/bkt/a.txt', headers: { date: new Date().toUTCString(), authorization: 'OSS AK:AAAAAAAAAAAAAAAAAAAAAAAAAAA=' } }],
  ]
  it.each(requests)('%s', async (_name, { path, ...init }) => {
    const viaNode = await fetch(`${server.url}${path}`, init)
    const viaWeb = await server.handler(new Request(`${server.url}${path}`, init))
    expect(viaNode.status).toBe(viaWeb.status)
    const nodeBody = new Uint8Array(await viaNode.arrayBuffer())
    const webBody = new Uint8Array(await viaWeb.arrayBuffer())
    const masked = (bytes: Uint8Array) => new TextDecoder().decode(bytes).replace(/[0-9A-F]{24}/g, 'ID').replace(/"allowedDepth":\d+/, '')
    expect(masked(nodeBody)).toBe(masked(webBody))
    const differs = (name: string) => !['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(name) && !name.endsWith('request-id') && !name.endsWith('id-2') && name !== 'x-oss-err'
    const web = new Map([...viaWeb.headers].filter(([name]) => differs(name)))
    const node = new Map([...viaNode.headers].filter(([name]) => differs(name)))
    // what the adapter adds: a Content-Type when there is none, a Content-Length when the body is known
    if (!web.has('content-type')) web.set('content-type', 'text/plain; charset=UTF-8')
    if (!web.has('content-length') && node.has('content-length')) web.set('content-length', String(webBody.length))
    expect(node).toEqual(web)
  })
})

describe('on the wire', () => {
  it('writes header lines sorted, the default Content-Type, and the length of an error body', async () => {
    const raw = await exchange(server.port, 'GET /bkt/none HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')
    expect(headerLines(raw).map((line) => line.slice(0, line.indexOf(':')))).toEqual(['content-type', 'x-oss-request-id', 'Content-Length', 'Date', 'Connection'])
    const put = await exchange(server.port, 'DELETE /bkt/none HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')
    expect(put.startsWith('HTTP/1.1 403')).toBe(true)
  })

  it('sends a small object in one piece and a large one streamed, byte for byte', async () => {
    const small = await exchange(server.port, 'GET /bkt/a.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')
    expect(headerLines(small)).toContain('content-length: 5')
    expect(small.endsWith('\r\n\r\nhello')).toBe(true)
    const response = await fetch(`${server.url}/bkt/big.bin`)
    expect(response.headers.get('content-length')).toBe(String(big.length))
    // (Buffer.compare: a deep equality of 3 MiB element by element takes half a minute)
    expect(Buffer.compare(new Uint8Array(await response.arrayBuffer()), big)).toBe(0)
  })

  it('answers a refused upload and then the next request on the same connection (the body is drained)', async () => {
    const raw = await exchange(
      server.port,
      'PUT /bkt/x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhelloGET /bkt/a.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
    )
    expect(raw.startsWith('HTTP/1.1 403')).toBe(true)
    expect(raw).toContain('HTTP/1.1 200 OK')
    expect(raw.endsWith('hello')).toBe(true)
  })
})

describe('a client that leaves mid-body', () => {
  let slow: RunningServer
  let cancelled: Promise<boolean>
  beforeAll(async () => {
    const memory = createMemoryStorage()
    await memory.createBucket('bkt', { acl: 'public-read' })
    await memory.put('bkt', 'endless', new Uint8Array(1))
    let onCancel!: () => void
    cancelled = new Promise((resolve) => (onCancel = () => resolve(true)))
    const endless: StorageAdapter = {
      ...memory,
      get: async (bucket, key, opts) => {
        const stored = await memory.get(bucket, key, opts)
        if (!stored || stored.notModified) return stored
        const chunk = new Uint8Array(64 * 1024)
        return { ...stored, size: 1 << 30, body: new ReadableStream({ pull: (controller) => controller.enqueue(chunk), cancel: onCancel }) }
      },
    }
    slow = await serve({ storage: endless, engine, port: 0, hostname: '127.0.0.1' })
  })
  afterAll(() => slow?.close())

  it('has its body stream cancelled', async () => {
    await new Promise<void>((resolve) => {
      const socket = connect(slow.port, '127.0.0.1')
      let received = 0
      socket.on('data', (chunk: Buffer) => {
        received += chunk.length
        if (received > 1024 * 1024) socket.destroy()
      })
      socket.on('close', () => resolve())
      socket.write('GET /bkt/endless HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')
    })
    expect(await cancelled).toBe(true)
  })
})
