// serve() on Node: plain HTTP and HTTPS (with a throwaway self-signed certificate made by the
// openssl CLI), image work on the worker pool (the fixture processor, so this test does not
// depend on the engine), request ids on every reply.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { get } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMemoryStorage } from '@imgproc/storage'
import { serve, type RunningServer } from './node.js'

const fixture = new URL('./node-worker-pool.fixture.ts', import.meta.url).href

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

describe('serve() over HTTP with the worker pool', () => {
  let server: RunningServer
  beforeAll(async () => {
    const storage = createMemoryStorage()
    await storage.createBucket('bkt', { acl: 'public-read' })
    await storage.put('bkt', 'a.bin', new Uint8Array([1, 2, 3]))
    server = await serve({ storage, port: 0, hostname: '127.0.0.1', workers: 2, workerPool: { factoryUrl: fixture } })
  })
  afterAll(() => server?.close())

  it('answers objects and runs image work on a worker thread', async () => {
    const plain = await fetch(`${server.url}/bkt/a.bin`)
    expect(plain.status).toBe(200)
    expect(plain.headers.get('x-oss-request-id')).toMatch(/^[0-9A-F]{24}$/)
    expect([...new Uint8Array(await plain.arrayBuffer())]).toEqual([1, 2, 3])
    const processed = await fetch(`${server.url}/bkt/a.bin?x-oss-process=image/resize,w_1`)
    expect(processed.status).toBe(200)
    expect(processed.headers.get('content-type')).toBe('image/x-inverted')
    expect([...new Uint8Array(await processed.arrayBuffer())]).toEqual([254, 253, 252])
    const thread = await (await fetch(`${server.url}/bkt/a.bin?x-oss-process=image/resize,w_2`)).text()
    expect(Number(thread.split(':')[1])).toBeGreaterThan(0)
  })

  it('sends OSS error XML for engine errors from the worker', async () => {
    const res = await fetch(`${server.url}/bkt/a.bin?x-oss-process=image/resize,w_3`)
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('<Code>InvalidArgument</Code>')
  })
})

describe.skipIf(!hasOpenssl())('serve() over HTTPS', () => {
  let server: RunningServer
  let dir: string
  let cert: Buffer
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'imgproc-tls-'))
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' })
    cert = readFileSync(join(dir, 'cert.pem'))
    const storage = createMemoryStorage()
    await storage.createBucket('bkt', { acl: 'public-read' })
    await storage.put('bkt', 'a.txt', new TextEncoder().encode('over tls'))
    server = await serve({ storage, port: 0, hostname: '127.0.0.1', workers: 1, workerPool: { factoryUrl: fixture }, tls: { cert, key: readFileSync(join(dir, 'key.pem')) } })
  })
  afterAll(async () => {
    await server?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('serves the API over TLS with the given certificate', async () => {
    expect(server.url.startsWith('https://')).toBe(true)
    const body = await new Promise<string>((resolve, reject) => {
      get(`${server.url}/bkt/a.txt`, { ca: cert, servername: 'localhost' }, (res) => {
        let text = ''
        res.on('data', (chunk: Buffer) => (text += chunk.toString()))
        res.on('end', () => resolve(`${res.statusCode} ${text}`))
      }).on('error', reject)
    })
    expect(body).toBe('200 over tls')
  })
})
