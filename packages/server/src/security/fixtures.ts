/**
 * The world the security suite attacks: a public bucket with a public image and a private one, a
 * private bucket with a secret, and a public-read-write bucket an anonymous caller may write to.
 * One in-thread engine (the real one) does the image work. An authenticator stands in for
 * signatures (they have their own tests): a request with `x-test-owner: 1` is the owner, any
 * other is anonymous.
 */
import { initNode } from '@imgproc/codecs/node'
import { createMemoryStorage } from '@imgproc/storage'
import type { StorageAdapter } from '@imgproc/types'
import { createHandler, type Handler, type HandlerOptions } from '../app.js'
import type { Authenticate } from '../auth/index.js'
import { makeDemoImage } from '../demo.js'
import { createProcessor } from '../engine-processor.js'
import type { ImageProcessor } from '../processor.js'

export const PUBLIC = 'sec-pub'
export const PRIVATE = 'sec-priv'
export const OPEN = 'sec-rw'

export const ownerOrAnonymous: Authenticate = async (req) =>
  req.headers.get('x-test-owner') === '1'
    ? { anonymous: false, accessKeyId: 'owner', scheme: 'oss-v1-header', signedParams: new Set(new URL(req.url).searchParams.keys()) }
    : { anonymous: true }

export interface World {
  storage: StorageAdapter
  handler: Handler
  /** a request to the handler at `path` (`http://127.0.0.1` + path) */
  call(path: string, init?: RequestInit & { owner?: boolean }): Promise<Response>
  /** jobs handed to the image processor, and how many of them it planned and asked memory for (about to decode) */
  engineCalls: { process: number; reserve: number }
}

export async function makeWorld(options: Partial<HandlerOptions> = {}): Promise<World> {
  await initNode()
  const storage = createMemoryStorage()
  const image = await makeDemoImage({ width: 64, height: 48 })
  const mark = await makeDemoImage({ width: 16, height: 16 })
  await storage.createBucket(PUBLIC, { acl: 'public-read' })
  await storage.createBucket(PRIVATE, { acl: 'private' })
  await storage.createBucket(OPEN, { acl: 'public-read-write' })
  await storage.put(PUBLIC, 'pub.jpg', image, { contentType: 'image/jpeg' })
  await storage.put(PUBLIC, 'logo.jpg', mark, { contentType: 'image/jpeg' })
  await storage.put(PUBLIC, 'hidden.jpg', mark, { contentType: 'image/jpeg', acl: 'private' })
  await storage.put(PRIVATE, 'secret.jpg', mark, { contentType: 'image/jpeg' })
  await storage.put(PRIVATE, 'shared.jpg', mark, { contentType: 'image/jpeg', acl: 'public-read' })
  await storage.putStyle(PRIVATE, { name: 'thumb', content: 'image/resize,w_10' })
  const engine = createProcessor()
  // process: jobs handed to the engine; reserve: those it planned and asked memory for (before decoding)
  const engineCalls = { process: 0, reserve: 0 }
  const counted: ImageProcessor = {
    process: (job) => {
      engineCalls.process++
      const reserve = job.reserve
      return engine.process(reserve ? { ...job, reserve: (bytes) => (engineCalls.reserve++, reserve(bytes)) } : job)
    },
  }
  const handler = createHandler({ storage, engine: counted, auth: ownerOrAnonymous, ...options })
  return {
    storage,
    handler,
    engineCalls,
    call: (path, { owner, ...init } = {}) => {
      const headers = new Headers(init.headers)
      if (owner) headers.set('x-test-owner', '1')
      return handler(new Request(`http://127.0.0.1${path}`, { ...init, headers }))
    },
  }
}

/** URL-safe base64 of UTF-8 text, as OSS/OBS watermark and saveas parameters take it. */
export function b64url(text: string): string {
  let binary = ''
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_')
}

/** The <Code> of an error reply. */
export async function errorCode(response: Response): Promise<string | undefined> {
  return /<Code>([^<]*)<\/Code>/.exec(await response.text())?.[1]
}
