// A reply whose body is `owned` (an image result no one else holds) has its buffer freed once the
// response has finished: never earlier, or the socket would send freed memory. The client here
// reads nothing for a while, so the 6 MiB body waits in the server's socket buffers, then checks
// every byte.
import { mkdtemp, rm } from 'node:fs/promises'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFileStorage } from '@imgproc/storage/node-fs'
import { createAuthenticator, createMemoryCredentialStore } from '../auth/index.js'
import type { ImageProcessor, ProcessOutput } from '../processor.js'
import { serve, type RunningServer } from './node.js'

const SIZE = 6 * 1024 * 1024
const pattern = (i: number) => (i * 31 + 7) & 255
const outputs: ProcessOutput[] = []
/** Answers every job with a fresh 6 MiB buffer, as a worker's result arrives: its own. */
const engine: ImageProcessor = {
  async process() {
    const output: ProcessOutput = { body: new Uint8Array(SIZE).map((_, i) => pattern(i)), contentType: 'image/test', ownsBuffer: true }
    outputs.push(output)
    return output
  },
}

let dir: string
let server: RunningServer
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'imgproc-owned-body-'))
  const storage = createFileStorage({ root: dir })
  await storage.createBucket('bkt', { acl: 'public-read' })
  await storage.put('bkt', 'src', new Uint8Array([1, 2, 3]))
  const auth = createAuthenticator({ credentials: createMemoryCredentialStore({ AK: 'SECRET' }) })
  server = await serve({ storage, auth, engine, port: 0, hostname: '127.0.0.1', resultCache: false, onError: () => {} })
})
afterAll(async () => {
  await server?.close()
  await rm(dir, { recursive: true, force: true })
})

/** A GET whose response is read only after `idleMs`: the raw bytes of the whole response. */
function slowGet(path: string, idleMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1')
    const chunks: Buffer[] = []
    socket.pause()
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.on('error', reject)
    socket.on('end', () => resolve(Buffer.concat(chunks)))
    socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`)
    setTimeout(() => socket.resume(), idleMs)
  })
}

describe('an owned reply body', () => {
  it('is sent whole and intact to a slow reader, and its buffer freed only after', async () => {
    const raw = await slowGet('/bkt/src?x-oss-process=image/resize,w_10', 400)
    const split = raw.indexOf('\r\n\r\n')
    expect(raw.subarray(0, split).toString()).toMatch(/^HTTP\/1\.1 200/)
    const body = raw.subarray(split + 4)
    expect(body.length).toBe(SIZE)
    let wrong = 0
    for (let i = 0; i < SIZE; i++) if (body[i] !== pattern(i)) wrong++
    expect(wrong).toBe(0)
    // freed: the result's buffer is detached
    expect(outputs).toHaveLength(1)
    expect(outputs[0]!.body.byteLength).toBe(0)
  })

  it('is freed too when the result cache keeps the result: the cache holds a copy of its own', async () => {
    const storage = createFileStorage({ root: join(dir, 'cached') })
    await storage.createBucket('bkt', { acl: 'public-read' })
    await storage.put('bkt', 'src', new Uint8Array([1, 2, 3]))
    const auth = createAuthenticator({ credentials: createMemoryCredentialStore({}) })
    const cached = await serve({ storage, auth, engine, port: 0, hostname: '127.0.0.1', onError: () => {} })
    try {
      const url = `http://127.0.0.1:${cached.port}/bkt/src?x-oss-process=image/resize,w_10`
      const computed = new Uint8Array(await (await fetch(url)).arrayBuffer())
      const made = outputs.length
      expect(outputs.at(-1)!.body.byteLength).toBe(0)
      // the hit is the cache's copy, intact
      const hit = new Uint8Array(await (await fetch(url)).arrayBuffer())
      expect(outputs.length).toBe(made)
      expect(hit.length).toBe(SIZE)
      expect(Buffer.compare(hit, computed)).toBe(0)
      expect(hit.every((byte, i) => byte === pattern(i))).toBe(true)
    } finally {
      await cached.close()
    }
  })
})
